import { relative } from 'node:path';
import picomatch from 'picomatch';
import { listSources } from './read-sources.js';

export interface FileSelection {
  /** Globs of files to leave out, relative to `root`. */
  readonly ignore?: readonly string[];
  readonly root?: string;
}

/** The files a run reads: inputs expanded (folders walked for the given extensions), the ignore globs applied. */
export async function selectFiles(
  inputs: readonly string[],
  cwd: string,
  selection: FileSelection,
  extensions: ReadonlySet<string>,
) {
  const listed = await listSources(inputs, cwd, extensions);
  const selected = selectionFilter(selection, cwd);
  return { files: listed.files.filter(selected), missing: listed.missing };
}

/** Whether an absolute path is left in by the selection's ignore globs. */
export function selectionFilter(selection: FileSelection, cwd: string): (absolute: string) => boolean {
  if (!selection.ignore?.length) return () => true;
  const ignored = picomatch([...selection.ignore], { dot: true });
  const root = selection.root ?? cwd;
  return (absolute) => !ignored(relative(root, absolute));
}
