import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Writes the site's files, counts them, and knows which files of the last build this one no longer has. It only
 * ever deletes files a Hindsight build wrote (listed in the cache), never anything else in the folder. Pages are
 * derived output, rebuilt at will, so they are written in place rather than through temp files.
 */
export class SiteWriter {
  count = 0;
  pages = 0;
  private readonly written = new Set<string>();
  private readonly keptPrefixes: string[] = [];
  private readonly folders = new Set<string>();

  constructor(
    private readonly outDir: string,
    private readonly previous: readonly string[],
  ) {}

  write(path: string, text: string | Uint8Array, isPage = false): void {
    const target = this.target(path);
    writeFileSync(target, text);
    this.written.add(path);
    this.count++;
    if (isPage) this.pages++;
  }

  copy(path: string, source: string): void {
    copyFileSync(source, this.target(path));
    this.written.add(path);
    this.count++;
  }

  /** Files another thread wrote into the same folder for this build. */
  adopt(paths: readonly string[], arePages: boolean): void {
    for (const path of paths) this.written.add(path);
    this.count += paths.length;
    if (arePages) this.pages += paths.length;
  }

  /** A file of the last build that stays as it is. */
  keep(path: string): void {
    this.written.add(path);
  }

  /** Every file of the last build below this folder stays (a warm build keeps the search index's base). */
  keepPrefix(prefix: string): void {
    this.keptPrefixes.push(prefix);
  }

  /** Everything this build owns: written now, or kept from the last build. */
  allWritten(): string[] {
    const kept = this.previous.filter(
      (p) => !this.written.has(p) && this.keptPrefixes.some((prefix) => p.startsWith(prefix)),
    );
    return [...this.written, ...kept];
  }

  removeStale(): void {
    const now = new Set(this.allWritten());
    for (const path of this.previous) if (!now.has(path)) rmSync(join(this.outDir, path), { force: true });
  }

  private target(path: string): string {
    const target = join(this.outDir, path);
    const folder = dirname(target);
    if (!this.folders.has(folder)) {
      mkdirSync(folder, { recursive: true });
      this.folders.add(folder);
    }
    return target;
  }
}
