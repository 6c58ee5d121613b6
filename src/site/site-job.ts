import { appendFileSync, mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { type ThemeSource, themeIds } from '../insights/themes.js';
import { resolveLinks } from './links.js';
import {
  type KnownThemes,
  MARKERS,
  type PageSettings,
  type SiteFile,
  siteFile,
  taxonomyOf,
} from './site-task.js';
import { SiteWriter } from './site-writer.js';

/**
 * What the main thread learns from a parsed file: everything but the rendered pages (held by the thread that
 * rendered them) and the JSON (already appended to that thread's part of reviews.json).
 */
export type ParsedSiteFile = Omit<SiteFile, 'reviews'> & {
  readonly reviews: readonly Omit<SiteFile['reviews'][number], 'page' | 'json' | 'themeSource'>[];
  /** Where this file's reviews.json lines are: [part file, byte offset, byte length]. */
  readonly json: readonly [string, number, number];
};

/** How to finish one review page once every review is known. */
export interface FinishOrder {
  readonly file: string;
  readonly index: number;
  /** Site path of the page: `reviews/<key>.html`. */
  readonly path: string;
  /** The related and similar lists (HTML), placed at the end of the article. */
  readonly lists: string;
  /** The page's absolute URL for `<link rel="canonical">`, when the site has a base URL. */
  readonly canonical: string | null;
}

export interface FinishReport {
  /** Linked files to copy into the site: [site path, source, the review file that links to it]. */
  readonly copies: readonly (readonly [string, string, string])[];
  readonly broken: readonly { readonly file: string; readonly target: string }[];
  readonly written: readonly string[];
  /** The cause themes of every review the thread parsed: [file, each review's theme ids in file order]. */
  readonly themes: readonly (readonly [string, readonly (readonly string[])[]])[];
}

/** The reports of several threads as one. */
export function mergeReports(reports: readonly FinishReport[]): FinishReport {
  return {
    copies: reports.flatMap((r) => r.copies),
    broken: reports.flatMap((r) => r.broken),
    written: reports.flatMap((r) => r.written),
    themes: reports.flatMap((r) => r.themes),
  };
}

/**
 * One thread's share of a build: it parses and renders its files, appends their reviews to its part of
 * reviews.json, keeps the pages, and hands back only what the whole site needs (summaries, terms). Once the main
 * thread knows every review, it finishes and writes its own pages, so pages never cross threads and are written in
 * parallel. Cause themes are worked out after parsing (`settleThemes`), while the main thread builds the search
 * index and finds similar reviews, since only the insights page and the cache need them.
 */
export class SiteJob {
  private readonly held = new Map<string, (HeldPage | null)[]>();
  /** Each file's reviews' theme ids, or what to work them out from until `settleThemes`. */
  private readonly themes = new Map<string, (readonly string[] | ThemeSource)[]>();
  private offset = 0;

  /** `jsonPart`: the file this job appends its reviews.json lines to (`,\n<json>` per review). */
  constructor(
    private readonly cwd: string,
    private readonly settings: PageSettings,
    private readonly jsonPart: string,
    private readonly knownThemes?: KnownThemes,
  ) {
    mkdirSync(dirname(jsonPart), { recursive: true });
    rmSync(jsonPart, { force: true });
  }

  async parse(files: readonly string[]): Promise<ParsedSiteFile[]> {
    const parsed: ParsedSiteFile[] = [];
    // Appended once per call: an append per file (open, write, close) cost a thread about 3% of its time.
    const lines: string[] = [];
    for (const file of files) {
      const result = await siteFile(file, this.cwd, this.settings);
      this.held.set(
        file,
        result.reviews.map(({ page }) => hold(page)),
      );
      this.themes.set(
        file,
        result.reviews.map(({ themeKey, themeSource }) =>
          themeKey === null || themeSource === null ? [] : (this.knownThemes?.(themeKey) ?? themeSource),
        ),
      );
      const own = result.reviews
        .filter((r) => r.summary.isReview)
        .map((r) => `,\n${r.json}`)
        .join('');
      const bytes = Buffer.byteLength(own);
      if (bytes > 0) lines.push(own);
      const json: [string, number, number] = [this.jsonPart, this.offset, bytes];
      this.offset += bytes;
      parsed.push({
        ...result,
        json,
        reviews: result.reviews.map(({ page: _page, json: _json, themeSource: _source, ...rest }) => rest),
      });
    }
    if (lines.length > 0) appendFileSync(this.jsonPart, lines.join(''));
    return parsed;
  }

  /** Works out the themes of every review parsed so far that has none yet. */
  settleThemes(): void {
    for (const list of this.themes.values())
      list.forEach((themes, i) => {
        if (!Array.isArray(themes)) list[i] = themeIds(themes as ThemeSource, taxonomyOf(this.settings));
      });
  }

  finish(
    outDir: string,
    orders: readonly FinishOrder[],
    pageOfSource: ReadonlyMap<string, string>,
  ): FinishReport {
    this.settleThemes();
    const writer = new SiteWriter(outDir, []);
    const copies: [string, string, string][] = [];
    const broken: { file: string; target: string }[] = [];
    for (const order of orders) {
      const held = this.held.get(order.file);
      const rendered = held?.[order.index];
      if (!held || rendered === null || rendered === undefined) continue;
      held[order.index] = null;
      const bytes =
        typeof rendered === 'string'
          ? Buffer.from(
              resolveLinks(rendered, {
                pageOf: (target) => pageOfSource.get(target) ?? null,
                toRoot: '../',
                cwd: this.cwd,
                onCopy: (target, sitePath) => copies.push([sitePath, target, order.file]),
                onBroken: (target) => broken.push({ file: order.file, target }),
              }),
            )
          : rendered;
      writer.write(order.path, completed(bytes, order), true);
    }
    this.held.clear();
    const themes = [...this.themes].map(([file, list]) => [file, list as (readonly string[])[]] as const);
    this.themes.clear();
    return { copies, broken, written: writer.allWritten(), themes };
  }
}

/**
 * A rendered page waiting for its lists, held as UTF-8 bytes outside the thread's heap: held as strings, thousands
 * of pages were copied by every young-generation collection they lived through (a third of a cold build's GC
 * time). A page that links to other files stays a string until every review's page is known.
 */
type HeldPage = Buffer | string;

function hold(page: string): HeldPage {
  return page.includes(MARKERS.link) ? page : Buffer.from(page);
}

const ARTICLE_END = '</article>';
const CANONICAL = `href="${MARKERS.self}"`;

/** The page with its related and similar lists closing the article, and its canonical address (or none). */
function completed(page: Buffer, order: FinishOrder): Buffer {
  const edits = [
    { at: page.indexOf(ARTICLE_END), remove: 0, insert: order.lists },
    {
      at: page.indexOf(CANONICAL),
      remove: CANONICAL.length,
      insert: order.canonical === null ? '' : `href="${order.canonical}"`,
    },
  ]
    .filter((edit) => edit.at !== -1)
    .sort((a, b) => a.at - b.at);
  const parts: Buffer[] = [];
  let from = 0;
  for (const { at, remove, insert } of edits) {
    parts.push(page.subarray(from, at), Buffer.from(insert));
    from = at + remove;
  }
  parts.push(page.subarray(from));
  return Buffer.concat(parts);
}
