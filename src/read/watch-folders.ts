import { type FSWatcher, statSync, watch } from 'node:fs';
import { basename, join, sep } from 'node:path';

/** Changes arrive in bursts (an editor's save is several events); they are gathered this long, then handled. */
const SETTLE_MS = 50;

/** What changed in the watched folders since the last call. */
export interface FolderChanges {
  /** Absolute paths the events named; hidden ones (dot-files and dot-folders: caches, temp files) left out. */
  readonly files: readonly string[];
  /** An event came without a name: anything may have changed. */
  readonly unknown: boolean;
}

export interface FolderWatcher {
  /** Stops watching, then waits for a call of `onChange` under way. */
  close(): Promise<void>;
}

export interface WatchOptions {
  /** Called once per burst of changes; the next call waits until this one is done. */
  readonly onChange: (changes: FolderChanges) => Promise<void> | void;
  readonly log: (message: string) => void;
  /** Paths whose changes are not reported (a build's own output folder inside a watched one). */
  readonly ignore?: (path: string) => boolean;
}

/**
 * Watches folders (recursively) and single files for changes. fs.watch with `recursive` (inotify on Linux since
 * Node 20) needs no dependency. A failure of `onChange` is logged and watching goes on: a broken edit must not
 * end a long-running process.
 */
export function watchFolders(paths: readonly string[], options: WatchOptions): FolderWatcher {
  const { onChange, log, ignore = () => false } = options;
  const pending = new Set<string>();
  let unknown = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();

  const handle = () => {
    timer = null;
    const changes = { files: [...pending], unknown };
    pending.clear();
    unknown = false;
    running = running
      .then(() => onChange(changes))
      .catch((error: Error) => log(`handling changes failed: ${error.message}`));
  };
  const watchers: FSWatcher[] = paths.map((path) => {
    const folder = isFolder(path);
    const watcher = watch(path, { recursive: folder }, (_event, name) => {
      if (name === null) unknown = true;
      else {
        const changed = folder ? join(path, name) : path;
        if (isHidden(folder ? name : basename(path)) || ignore(changed)) return;
        pending.add(changed);
      }
      timer ??= setTimeout(handle, SETTLE_MS);
    });
    watcher.on('error', (error) => log(`watching ${path} failed: ${error.message}`));
    return watcher;
  });

  return {
    async close() {
      for (const watcher of watchers) watcher.close();
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}

function isFolder(path: string): boolean {
  return statSync(path).isDirectory();
}

/** True when the path (relative to a watched folder) has a part that starts with a dot. */
function isHidden(relative: string): boolean {
  return relative.split(/[\\/]/).some((part) => part.startsWith('.'));
}

/** An ignore test for one folder and everything below it. */
export function inside(folder: string): (path: string) => boolean {
  const prefix = folder.endsWith(sep) ? folder : `${folder}${sep}`;
  return (path) => path === folder || path.startsWith(prefix);
}
