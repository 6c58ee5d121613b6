import { readFile } from 'node:fs/promises';
import type { Diagnostic } from '../../model/diagnostic.js';
import { sameMeaning } from '../../model/meaning.js';
import { isGitPatch } from '../../parse/git-patch.js';
import { splitIncidents } from '../../parse/split-incidents.js';
import { analyzeMarkdownReview, parseMarkdownReview } from '../../parse/parse-review.js';
import { listSources, readSource } from '../../read/read-sources.js';
import { renderCanonical } from '../../render/canonical.js';
import { writeAtomic } from '../../write/atomic-write.js';
import { FORMAT_OPTION, outputFormat, parseCommandArgs } from '../args.js';
import { loadConfig } from '../../config/load-config.js';
import { type CliIO, EXIT, type ExitCode } from '../io.js';
import { reviewInputs } from '../review-inputs.js';
import { hasErrors, writeDiagnostics, writeJson } from '../report.js';

const MARKDOWN_FILE = /\.(md|markdown|mdown|mkd)$/i;

type Outcome = 'unchanged' | 'formatted' | 'would-format' | 'skipped' | 'refused';

interface FileResult {
  readonly file: string;
  readonly outcome: Outcome;
  readonly reason?: string;
}

export const fmtCommand = {
  name: 'fmt',
  summary:
    'Rewrite reviews into the canonical format (front matter, standard headings), never changing meaning.',
  usage: 'hindsight fmt [<file|dir>...] [--check] [--format human|json] [--config file]',
  async run(io: CliIO, argv: readonly string[]): Promise<ExitCode> {
    const { values, positionals } = parseCommandArgs('fmt', argv, {
      ...FORMAT_OPTION,
      check: { type: 'boolean' },
      config: { type: 'string' },
    });
    const format = outputFormat(values.format);
    const check = values.check === true;
    const loaded = await loadConfig(io.cwd, typeof values.config === 'string' ? values.config : undefined);
    const { files, missing } = await listSources(reviewInputs(positionals, io.cwd, loaded), io.cwd);
    const results: FileResult[] = [];
    const diagnostics: Diagnostic[] = [];
    for (const file of files) {
      const result = await formatFile(file, io.cwd, check);
      results.push(result.result);
      diagnostics.push(...result.diagnostics);
    }
    if (format === 'json') writeJson(io.stdout, results);
    else {
      for (const r of results)
        if (r.outcome !== 'unchanged' && r.outcome !== 'skipped')
          io.stdout.write(`${r.file}: ${r.outcome}${r.reason ? ` (${r.reason})` : ''}\n`);
      writeDiagnostics(io.stdout, diagnostics);
      const count = (o: Outcome) => results.filter((r) => r.outcome === o).length;
      io.stderr.write(
        check
          ? `${count('would-format')} of ${results.length} files would be reformatted.\n`
          : `Formatted ${count('formatted')} of ${results.length} files (${count('skipped')} skipped, ${count('refused')} refused).\n`,
      );
    }
    for (const path of missing) io.stderr.write(`hindsight: ${path}: no such file or folder\n`);
    if (missing.length > 0) return EXIT.usage;
    const failed =
      results.some((r) => r.outcome === 'would-format' || r.outcome === 'refused') || hasErrors(diagnostics);
    return failed ? EXIT.contentErrors : EXIT.ok;
  },
};

async function formatFile(
  absolute: string,
  cwd: string,
  check: boolean,
): Promise<{ result: FileResult; diagnostics: Diagnostic[] }> {
  const raw = await readFile(absolute, 'utf8').catch(() => null);
  const source = readSource(absolute, cwd);
  const file = source.path;
  const skip = (reason: string) => ({
    result: { file, outcome: 'skipped' as const, reason },
    diagnostics: [...source.diagnostics],
  });
  if (source.text === null) return skip('not readable as text');
  if (isGitPatch(source.text)) return skip('a patch, not a review');
  if (splitIncidents(source.text)) return skip('a log of several incidents, not one review');
  if (!MARKDOWN_FILE.test(file))
    return skip('not a markdown file; `hindsight import` converts other formats');
  const analyzed = analyzeMarkdownReview({ path: file, text: source.text, format: 'markdown' });
  const diagnostics = [...source.diagnostics, ...analyzed.diagnostics];
  if (!analyzed.review.isReview) return { ...skip('not a review'), diagnostics };
  if (hasErrors(analyzed.diagnostics))
    return { result: { file, outcome: 'refused', reason: 'fix the errors first' }, diagnostics };
  const canonical = renderCanonical(analyzed);
  if (canonical === source.text) return { result: { file, outcome: 'unchanged' }, diagnostics };
  const reparsed = parseMarkdownReview({ path: file, text: canonical, format: 'markdown' });
  if (!sameMeaning(analyzed.review, reparsed.review)) {
    return {
      result: {
        file,
        outcome: 'refused',
        reason: 'the canonical form would change what the review says; please report this',
      },
      diagnostics,
    };
  }
  if (check) return { result: { file, outcome: 'would-format' }, diagnostics };
  const written = await writeAtomic(absolute, canonical, raw);
  if (!written.ok)
    return {
      result: { file, outcome: 'refused', reason: 'the file changed while formatting; run fmt again' },
      diagnostics,
    };
  return { result: { file, outcome: 'formatted' }, diagnostics };
}
