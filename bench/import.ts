/**
 * Import benchmark (issue #3), run by bench/run.ts unless `--no-import`: `hindsight import` end to end, in a fresh
 * process each run, over (1) the whole shared corpus and (2) generated HTML pages — bench/generate.ts's reviews
 * rendered to HTML blog posts (nav, header with `<time datetime>`, article, footer). Reports files/s. Each run
 * imports into an empty folder, so every review is converted, rendered and written.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { load } from 'js-yaml';
import MarkdownIt from 'markdown-it';
import { generateReviews } from './generate.js';

export interface ImportMeasurement {
  readonly step: string;
  readonly files: number;
  readonly written: number;
  readonly ms: number[];
}

interface BenchImportOptions {
  readonly root: string;
  readonly out: string;
  readonly corpus: string;
  readonly htmlPages: number;
  readonly seed: number;
  readonly runs: number;
}

export function benchImport(options: BenchImportOptions): ImportMeasurement[] {
  const out: ImportMeasurement[] = [];
  if (existsSync(options.corpus)) out.push(measureImport('import corpus', options.corpus, options));
  else console.warn(`import bench: ${options.corpus} does not exist; the corpus step is skipped`);
  const pages = htmlPages(options);
  out.push(measureImport(`import ${options.htmlPages} HTML pages`, pages, options));
  return out;
}

function measureImport(step: string, input: string, options: BenchImportOptions): ImportMeasurement {
  const target = join(options.out, 'import-target');
  const hindsight = join(options.root, 'bin', 'hindsight.js');
  const ms: number[] = [];
  let files = 0;
  let written = 0;
  for (let run = 0; run < options.runs; run++) {
    rmSync(target, { recursive: true, force: true });
    const started = performance.now();
    const child = spawnSync(
      process.execPath,
      [hindsight, 'import', input, '--out', target, '--format', 'json'],
      {
        cwd: options.root,
        encoding: 'utf8',
        maxBuffer: 512 * 2 ** 20,
        stdio: ['ignore', 'pipe', 'ignore'],
      },
    );
    ms.push(performance.now() - started);
    // 1: some inputs failed or conflicted (the corpus holds the same incident twice); the run still finished.
    if (child.status === null || child.status > 1) throw new Error(`${step} failed (exit ${child.status})`);
    const report = JSON.parse(child.stdout) as { rows: { reviews: { outcome: string }[] }[] };
    files = report.rows.length;
    written = report.rows.flatMap((r) => r.reviews).filter((r) => r.outcome === 'created').length;
    console.log(
      `  ${step.padEnd(26)} ${(ms[run] as number) / 1000} s (${files} files, ${written} reviews written)`,
    );
  }
  rmSync(target, { recursive: true, force: true });
  return { step, files, written, ms };
}

/** Generated reviews as HTML blog posts, made once per count and seed and kept in bench/out. */
function htmlPages(options: BenchImportOptions): string {
  const dir = join(options.out, `html-${options.htmlPages}`);
  const marker = join(dir, '.seed');
  if (existsSync(marker) && readFileSync(marker, 'utf8') === String(options.seed)) return dir;
  const reviews = join(options.out, `reviews-${options.htmlPages}`);
  generateReviews(options.htmlPages, options.seed, reviews);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const markdown = new MarkdownIt({ html: true });
  for (const name of readdirSync(reviews).filter((n) => n.endsWith('.md'))) {
    const text = readFileSync(join(reviews, name), 'utf8');
    writeFileSync(join(dir, name.replace(/\.md$/, '.html')), asBlogPost(text, markdown));
  }
  writeFileSync(marker, String(options.seed));
  console.log(`  made ${options.htmlPages} HTML pages in ${relative(options.root, dir)}`);
  return dir;
}

function asBlogPost(text: string, markdown: MarkdownIt): string {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(text);
  const data = (match ? load(match[1] as string) : {}) as Record<string, unknown>;
  const body = markdown.render(match ? text.slice(match[0].length) : text);
  const date = data.date instanceof Date ? data.date.toISOString().slice(0, 10) : String(data.date ?? '');
  const title = String(data.title ?? '');
  return `<!doctype html>
<html><head><title>${title} | Engineering blog</title><meta name="author" content="SRE team"></head>
<body><nav><a href="/">Home</a> <a href="/incidents">Incidents</a></nav>
<article><header>${title ? `<h1>${title}</h1>` : ''}${date ? `<p>Published <time datetime="${date}">${date}</time></p>` : ''}</header>
${body}</article>
<footer><p>© Example Corp</p></footer></body></html>
`;
}
