import { CORE_SCHEMA, dump } from 'js-yaml';

/** Front matter as people write it: one key per line, lists of names on one line (`services: [a, b]`). */
export function frontMatterBlock(data: Readonly<Record<string, unknown>>): string {
  return `---\n${dump(data, { schema: CORE_SCHEMA, flowLevel: 1, lineWidth: -1 }).trimEnd()}\n---`;
}
