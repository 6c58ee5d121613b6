import { type ReviewThemes, type Taxonomy, taxonomyFromConfig, themesOf } from '../../insights/themes.js';
import { outputFormat, parseCommandArgs } from '../args.js';
import { type CliIO, EXIT, type ExitCode } from '../io.js';
import { writeJson } from '../report.js';
import { READ_OPTIONS, READ_USAGE, readReviewSet } from '../review-set.js';

export const themesCommand = {
  name: 'themes',
  summary: 'Tag each review with cause themes (disk-full, dns, deploy …) and show the sentences that say so.',
  usage: [
    `hindsight themes [<dir>...] [--format human|json] ${READ_USAGE}`,
    '',
    '  Themes come from the sections about causes (title, summary, leadup, root cause, contributing factors,',
    '  whys), with the evidence kept. The taxonomy and how to change it: docs/themes.md (config key "themes").',
    '  JSON: [{ "id", "path", "themes": [{ "id", "evidence": ["…"] }] }]',
  ].join('\n'),
  async run(io: CliIO, argv: readonly string[]): Promise<ExitCode> {
    const { values, positionals } = parseCommandArgs('themes', argv, {
      format: { type: 'string' },
      ...READ_OPTIONS,
    });
    const format = outputFormat(values.format);
    const { loaded, parsed, reviews } = await readReviewSet(io.cwd, positionals, values);
    const taxonomy = taxonomyFromConfig(loaded.config.themes);
    const results = themesOf(reviews, taxonomy);
    if (format === 'json') writeJson(io.stdout, results);
    else io.stdout.write(describe(results, taxonomy));
    for (const path of parsed.missing) io.stderr.write(`hindsight themes: ${path}: no such file or folder\n`);
    return parsed.missing.length > 0 ? EXIT.usage : EXIT.ok;
  },
};

function describe(results: readonly ReviewThemes[], taxonomy: Taxonomy): string {
  const label = (id: string) => taxonomy.labels.get(id) ?? id;
  const out: string[] = [];
  for (const review of results) {
    out.push(review.path);
    if (review.themes.length === 0) out.push('  (no cause theme found)');
    for (const theme of review.themes)
      out.push(`  ${label(theme.id)} (${theme.id}): “${theme.evidence[0] ?? ''}”`);
  }
  const counts = new Map<string, number>();
  for (const review of results)
    for (const theme of review.themes) counts.set(theme.id, (counts.get(theme.id) ?? 0) + 1);
  const ranked = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const width = Math.max(0, ...ranked.map(([id]) => label(id).length));
  out.push(
    '',
    `Themes across ${results.length} review${results.length === 1 ? '' : 's'}:`,
    ...(ranked.length === 0 ? ['  none'] : ranked.map(([id, n]) => `  ${label(id).padEnd(width)}  ${n}`)),
  );
  return `${out.join('\n')}\n`;
}
