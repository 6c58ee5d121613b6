import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { runInNewContext } from 'node:vm';
import { parseHTML } from 'linkedom';
import { shardOf } from '../../src/site/search-index.js';

/** Every file below a folder, relative to it, `/`-separated. */
export function siteFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.push(relative(dir, path).split('\\').join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

export type Page = ReturnType<typeof parseHTML>['document'];

export function pageOf(dir: string, path: string): Page {
  return parseHTML(readFileSync(join(dir, path), 'utf8')).document;
}

/** Relative links and resources of every page that point at no file of the site. */
export function deadLinks(dir: string): string[] {
  const dead: string[] = [];
  for (const path of siteFiles(dir).filter((p) => p.endsWith('.html'))) {
    const document = pageOf(dir, path);
    for (const element of document.querySelectorAll('[href], [src]')) {
      const url = element.getAttribute('href') ?? element.getAttribute('src') ?? '';
      if (url === '' || /^(?:[a-z]+:|#|\/\/)/i.test(url)) continue;
      const target = resolve(dirname(join(dir, path)), url.split(/[?#]/)[0] as string);
      if (!existsSync(target)) dead.push(`${path} → ${url}`);
    }
  }
  return dead;
}

interface Manifest {
  shards: number;
  docs: number;
  chunk: number;
  deleted: number[];
  delta: { docs: unknown[][]; postings: Record<string, number[]> };
}

/**
 * Looks a word up the way assets/search.js does (manifest, then the word's shard, then the document chunks) by
 * running the index files themselves: the paths of the pages that hold the word, deleted documents left out.
 */
export function searchIndexFor(dir: string, word: string): string[] {
  const captured: { manifest?: Manifest; shard?: Record<string, number[]>; docs: Map<number, unknown[][]> } =
    {
      docs: new Map(),
    };
  const hindsightSearch = {
    manifest: (m: Manifest) => (captured.manifest = m),
    shard: (_n: number, terms: Record<string, number[]>) => (captured.shard = terms),
    docs: (n: number, rows: unknown[][]) => captured.docs.set(n, rows),
  };
  const run = (path: string) => runInNewContext(readFileSync(join(dir, path), 'utf8'), { hindsightSearch });
  run('search/index.js');
  const manifest = captured.manifest as Manifest;
  run(`search/t/${shardOf(word, manifest.shards)}.js`);
  const postings = captured.shard?.[word] ?? [];
  const paths: string[] = [];
  for (let i = 0, doc = 0; i < postings.length; i += 2) {
    doc += postings[i] as number;
    if (manifest.deleted.includes(doc)) continue;
    const chunk = Math.floor(doc / manifest.chunk);
    if (!captured.docs.has(chunk)) run(`search/d/${chunk}.js`);
    paths.push(String(captured.docs.get(chunk)?.[doc % manifest.chunk]?.[0]));
  }
  const delta = manifest.delta.postings[word] ?? [];
  for (let i = 0, doc = 0; i < delta.length; i += 2) {
    doc += delta[i] as number;
    paths.push(String(manifest.delta.docs[doc]?.[0]));
  }
  return paths.sort();
}
