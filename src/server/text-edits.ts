/**
 * The small edits the UI makes to a review file, done on the text itself so everything else in the file stays
 * byte for byte as the author wrote it. Each returns null when the edit does not apply.
 */

const CHECKBOX = /\[([ xX])\]/;

/** Ticks or unticks the task checkbox on a 1-based line (`- [ ] …`, or a `[ ]` cell of an action table). */
export function setCheckbox(text: string, line: number, done: boolean): string | null {
  const lines = text.split('\n');
  const current = lines[line - 1];
  if (current === undefined || !CHECKBOX.test(current)) return null;
  lines[line - 1] = current.replace(CHECKBOX, done ? '[x]' : '[ ]');
  return lines.join('\n');
}

// Opening line, then the body and its last line break (absent in an empty block: `---` right after `---`), then the
// closing line.
const YAML_FRONT_MATTER = /^(\uFEFF?---\r?\n)(?:([\s\S]*?)(\r?\n))?(---[ \t]*(?:\r?\n|$))/;
const TOML_FRONT_MATTER = /^(\uFEFF?\+\+\+\r?\n)(?:([\s\S]*?)(\r?\n))?(\+\+\+[ \t]*(?:\r?\n|$))/;

/** Sets `status` in the front matter (YAML or TOML), adding the key, or a YAML block, when there is none. */
export function setStatus(text: string, status: string): string {
  const yaml = YAML_FRONT_MATTER.exec(text);
  if (yaml) return replaceKey(text, yaml, /^status[ \t]*:.*$/m, `status: ${status}`);
  const toml = TOML_FRONT_MATTER.exec(text);
  if (toml) return replaceKey(text, toml, /^status[ \t]*=.*$/m, `status = "${status}"`);
  return `---\nstatus: ${status}\n---\n\n${text}`;
}

function replaceKey(text: string, match: RegExpExecArray, key: RegExp, line: string): string {
  const [whole, open = '', body = '', lineBreak = '\n', close = ''] = match;
  const next = key.test(body) ? body.replace(key, line) : `${body}${body === '' ? '' : lineBreak}${line}`;
  return `${open}${next}${lineBreak}${close}${text.slice(whole.length)}`;
}
