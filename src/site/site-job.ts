import { resolveLinks } from './links.js';
import { MARKERS, type PageSettings, type SiteFile, siteFile } from './site-task.js';
import { SiteWriter } from './site-writer.js';

/** What the main thread learns from a parsed file: everything but the rendered pages and JSON, which stay put. */
export type ParsedSiteFile = Omit<SiteFile, 'reviews'> & {
  readonly reviews: readonly Omit<SiteFile['reviews'][number], 'page' | 'json'>[];
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
  /** Each file's reviews as reviews.json lines (`,\n<json>` each), in the order of `files`. */
  readonly json: readonly (readonly [string, string])[];
  readonly written: readonly string[];
}

/**
 * One thread's share of a build: it parses and renders its files, keeps the pages and JSON, and hands back only
 * what the whole site needs (summaries, terms, themes). Once the main thread knows every review, it finishes and
 * writes its own pages — so pages never cross threads and are written in parallel.
 */
export class SiteJob {
  private readonly held = new Map<string, { page: string; json: string }[]>();

  constructor(
    private readonly cwd: string,
    private readonly settings: PageSettings,
  ) {}

  parse(files: readonly string[]): ParsedSiteFile[] {
    return files.map((file) => {
      const result = siteFile(file, this.cwd, this.settings);
      this.held.set(
        file,
        result.reviews.map(({ page, json }) => ({ page, json })),
      );
      return { ...result, reviews: result.reviews.map(({ page: _page, json: _json, ...rest }) => rest) };
    });
  }

  finish(
    outDir: string,
    orders: readonly FinishOrder[],
    pageOfSource: ReadonlyMap<string, string>,
  ): FinishReport {
    const writer = new SiteWriter(outDir, []);
    const copies: [string, string, string][] = [];
    const broken: { file: string; target: string }[] = [];
    const json = new Map<string, string>();
    for (const order of orders) {
      const held = this.held.get(order.file)?.[order.index];
      if (!held) continue;
      const page = resolveLinks(held.page, {
        pageOf: (target) => pageOfSource.get(target) ?? null,
        toRoot: '../',
        cwd: this.cwd,
        onCopy: (target, sitePath) => copies.push([sitePath, target, order.file]),
        onBroken: (target) => broken.push({ file: order.file, target }),
      })
        .replace('</article>', `${order.lists}</article>`)
        .replace(`href="${MARKERS.self}"`, order.canonical === null ? '' : `href="${order.canonical}"`);
      writer.write(order.path, page, true);
      json.set(order.file, `${json.get(order.file) ?? ''},\n${held.json}`);
    }
    this.held.clear();
    return { copies, broken, json: [...json], written: writer.allWritten() };
  }
}
