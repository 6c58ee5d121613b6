/**
 * The floor the site bench compares against: the "bare Node pipeline" — front matter (js-yaml), markdown-it
 * and one page written per review, nothing else — spread over worker threads like `hindsight build`. The same
 * minimal page as the bench's Hugo layout, plus an index of every review.
 *
 * Usage: `node bench/bare-pipeline.mjs <reviews folder> <fresh output folder> [threads]`. Plain JavaScript, so its
 * time is not that of loading tsx.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

const require = createRequire(import.meta.url);

if (isMainThread) {
  const [dir, out, threads = String(availableParallelism())] = process.argv.slice(2);
  if (!dir || !out) throw new Error('usage: bare-pipeline.mjs <reviews folder> <output folder> [threads]');
  const files = readdirSync(dir).filter((name) => name.endsWith('.md'));
  mkdirSync(join(out, 'reviews'), { recursive: true });
  const count = Number(threads);
  const shares = Array.from({ length: count }, (_, i) => files.filter((_, j) => j % count === i));
  const titles = await Promise.all(
    shares.map(
      (share) =>
        new Promise((resolve, reject) => {
          const worker = new Worker(new URL(import.meta.url), { workerData: { files: share, dir, out } });
          worker.once('message', resolve);
          worker.once('error', reject);
        }),
    ),
  );
  const items = titles.flat().map(([page, title]) => `<li><a href="reviews/${page}">${title}</a></li>`);
  writeFileSync(
    join(out, 'index.html'),
    `<!doctype html><html><body><ul>${items.join('')}</ul></body></html>\n`,
  );
} else {
  const MarkdownIt = require('markdown-it');
  const yaml = require('js-yaml');
  const md = MarkdownIt('default', { html: false });
  const escape = (text) =>
    String(text).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
  const titles = [];
  for (const name of workerData.files) {
    const text = readFileSync(join(workerData.dir, name), 'utf8');
    let meta = {};
    let body = text;
    if (text.startsWith('---\n')) {
      const end = text.indexOf('\n---', 4);
      meta = yaml.load(text.slice(4, end)) ?? {};
      body = text.slice(end + 4);
    }
    const title = escape(meta.title ?? name);
    const page = name.replace(/\.md$/, '.html');
    writeFileSync(
      join(workerData.out, 'reviews', page),
      `<!doctype html><html><head><title>${title}</title></head><body><h1>${title}</h1>${md.render(body)}</body></html>\n`,
    );
    titles.push([page, title]);
  }
  parentPort?.postMessage(titles);
}
