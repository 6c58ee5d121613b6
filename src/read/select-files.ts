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
  const ignored = selection.ignore?.length ? picomatch([...selection.ignore], { dot: true }) : null;
  const root = selection.root ?? cwd;
  const files = ignored ? listed.files.filter((f) => !ignored(relative(root, f))) : listed.files;
  return { files, missing: listed.missing };
}
