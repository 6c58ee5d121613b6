import { REVIEW_EXTENSIONS } from '../read/read-sources.js';

export interface PatchedFile {
  readonly innerPath: string;
  /** The file's text, placed on the same lines it occupies in the patch so positions point into the patch. */
  readonly text: string;
}

const FILE_HEADER = /^diff --git a\/(.+?) b\/(.+)$/;

/** A patch, not a review that quotes one in a code block (a fix shown in a postmortem). */
export function isGitPatch(text: string): boolean {
  const header = /^diff --git a\/.+ b\/.+$/m.exec(text);
  if (header === null || !/^@@ -\d+(?:,\d+)? \+\d+(?:,\d+)? @@/m.test(text)) return false;
  const fencesBefore = text.slice(0, header.index).match(/^\s{0,3}(?:```|~~~)/gm)?.length ?? 0;
  return fencesBefore % 2 === 0;
}

/**
 * The markdown files a patch adds or deletes (a site migration deleting its postmortems still carries their text).
 * Modified files give their new version's lines that the patch shows.
 */
export function filesInPatch(text: string): PatchedFile[] {
  const lines = text.split('\n');
  const out: PatchedFile[] = [];
  let current: { path: string; deleted: boolean; lines: (string | null)[] } | null = null;
  let inHunk = false;
  const finish = () => {
    if (current && hasReviewExtension(current.path) && current.lines.some((l) => l !== null)) {
      out.push({ innerPath: current.path, text: current.lines.map((l) => l ?? '').join('\n') });
    }
  };
  lines.forEach((line, index) => {
    const header = FILE_HEADER.exec(line);
    if (header) {
      finish();
      current = { path: header[2] as string, deleted: false, lines: new Array(lines.length).fill(null) };
      inHunk = false;
      return;
    }
    if (!current) return;
    const file: { path: string; deleted: boolean; lines: (string | null)[] } = current;
    if (line.startsWith('deleted file mode')) file.deleted = true;
    if (line.startsWith('@@')) {
      inHunk = true;
      return;
    }
    if (!inHunk) return;
    const marker = line[0];
    const keep = marker === ' ' || (file.deleted ? marker === '-' : marker === '+');
    if (keep) file.lines[index] = line.slice(1);
  });
  finish();
  return out;
}

function hasReviewExtension(path: string): boolean {
  const dot = path.lastIndexOf('.');
  return dot >= 0 && REVIEW_EXTENSIONS.has(path.slice(dot).toLowerCase());
}
