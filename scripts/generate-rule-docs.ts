/**
 * Writes the rule reference, docs/rules/<id>.md for every rule and docs/rules/README.md, from the rules themselves
 * (style practice 16: docs by the product). With --check, fails when the committed files are stale.
 */
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { Example, Rule } from '../src/lint/rule.js';
import { RULES } from '../src/lint/rules/index.js';

const folder = fileURLToPath(new URL('../docs/rules/', import.meta.url));
const DEFAULT_EXAMPLE_PATH = '2025-03-02-example-review.md';
const GENERATED_MARK = '<!-- Generated from ';

function header(source: string): string {
  return `${GENERATED_MARK}${source} by scripts/generate-rule-docs.ts: do not edit, run \`npm run docs\`. -->\n\n`;
}

/** A fence longer than any run of backticks inside the text, so examples holding code blocks stay whole. */
function fenced(text: string, language: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${language}\n${text.endsWith('\n') ? text : `${text}\n`}${fence}\n`;
}

function example(rule: Rule, item: Example, index: number, total: number, kind: string): string {
  const path = item.path ?? DEFAULT_EXAMPLE_PATH;
  const language = /\.(patch|diff)$/.test(path) ? 'diff' : 'markdown';
  const title = total > 1 ? `${kind} (${index + 1} of ${total})` : kind;
  const count =
    kind === 'Not OK'
      ? `\`hindsight lint\` reports \`${rule.id}\` here.`
      : `\`hindsight lint\` does not report \`${rule.id}\` here.`;
  return `### ${title}\n\n\`${path}\` — ${count}\n\n${fenced(item.markdown, language)}`;
}

/** The option's type in words, from its JSON Schema. */
function describeType(schema: Record<string, unknown>): string {
  if (schema.type === 'array') {
    const items = (schema.items ?? {}) as Record<string, unknown>;
    return Array.isArray(items.enum)
      ? `list of: ${items.enum.map((v) => `\`${String(v)}\``).join(', ')}`
      : `list of ${describeType(items)}`;
  }
  if (Array.isArray(schema.enum)) return `one of: ${schema.enum.map((v) => `\`${String(v)}\``).join(', ')}`;
  return typeof schema.type === 'string' ? schema.type : 'value';
}

function optionsSection(rule: Rule): string {
  if (!rule.options) return '';
  const json = z.toJSONSchema(rule.options.schema, { io: 'input' }) as {
    properties?: Record<string, Record<string, unknown>>;
  };
  const defaults = rule.options.defaults as Record<string, unknown>;
  const rows = Object.entries(json.properties ?? {}).map(
    ([name, schema]) =>
      `| \`${name}\` | ${describeType(schema)} | \`${JSON.stringify(defaults[name])}\` | ${
        typeof schema.description === 'string' ? schema.description : ''
      } |`,
  );
  const config = { rules: { [rule.id]: { severity: rule.defaultSeverity, options: defaults } } };
  return `## Options

| option | type | default | meaning |
| --- | --- | --- | --- |
${rows.join('\n')}

Set them in \`hindsight.config.json\`:

${fenced(JSON.stringify(config, null, 2), 'json')}
`;
}

function rulePage(rule: Rule): string {
  const notOk = rule.examples.notOk.map((e, i, all) => example(rule, e, i, all.length, 'Not OK'));
  const ok = rule.examples.ok.map((e, i, all) => example(rule, e, i, all.length, 'OK'));
  const scope =
    rule.scope === 'project'
      ? 'project: it compares all the reviews linted in one run.'
      : `review: it checks one review at a time. Disable it for one line with \`<!-- hindsight-disable-next-line ${rule.id} -->\`.`;
  return `${header(`src/lint/rules/${rule.id}.ts`)}# \`${rule.id}\`

${rule.description}

- Default severity: \`${rule.defaultSeverity}\` (change it, or turn the rule \`off\`, under \`rules\` in the config).
- Scope: ${scope}

## Why and how to fix

${rule.docs.trim()}

${optionsSection(rule)}## Examples

${[...notOk, ...ok].join('\n')}`;
}

function index(rules: readonly Rule[]): string {
  const rows = rules.map(
    (rule) =>
      `| [\`${rule.id}\`](${rule.id}.md) | ${rule.defaultSeverity} | ${rule.description.replace(/\|/g, '\\|')} |`,
  );
  return `${header('src/lint/rules/index.ts')}# Lint rules

\`hindsight lint\` checks reviews with these rules. Each page says why the rule matters, how to fix what it finds,
and shows files it reports and files it accepts; those examples are also the rule's tests.

Change a rule's severity or turn it off in \`hindsight.config.json\` (\`"rules": { "action-item-untracked": "off" }\`),
or for one line with \`<!-- hindsight-disable-next-line rule-id -->\`.

| rule | default severity | finds |
| --- | --- | --- |
${rows.join('\n')}
`;
}

const generated = new Map<string, string>([
  ['README.md', index(RULES)],
  ...RULES.map((rule) => [`${rule.id}.md`, rulePage(rule)] as [string, string]),
]);
/** Pages this script wrote for a rule that no longer exists (other files in the folder are left alone). */
const extra: string[] = [];
for (const name of await readdir(folder).catch(() => [] as string[])) {
  if (!name.endsWith('.md') || generated.has(name)) continue;
  const text = await readFile(`${folder}${name}`, 'utf8');
  if (text.startsWith(GENERATED_MARK)) extra.push(name);
}

if (process.argv.includes('--check')) {
  const stale: string[] = [];
  for (const [name, text] of generated) {
    const current = await readFile(`${folder}${name}`, 'utf8').catch(() => null);
    if (current !== text) stale.push(current === null ? `${name} (missing)` : name);
  }
  for (const name of extra) stale.push(`${name} (no rule has this id)`);
  if (stale.length > 0) {
    process.stderr.write(
      `docs/rules is stale: ${stale.join(', ')}. Run \`npm run docs\` and commit the result.\n`,
    );
    process.exitCode = 1;
  }
} else {
  await mkdir(folder, { recursive: true });
  for (const [name, text] of generated) await writeFile(`${folder}${name}`, text);
  for (const name of extra) await rm(`${folder}${name}`);
  process.stdout.write(`Wrote ${generated.size} files to docs/rules/\n`);
}
