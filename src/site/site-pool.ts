import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { canUseWorkers } from '../parallel.js';
import {
  type FinishOrder,
  type FinishReport,
  mergeReports,
  type ParsedSiteFile,
  SiteJob,
} from './site-job.js';
import type { KnownThemes, PageSettings } from './site-task.js';

/** Below this many files a build stays on the main thread: starting workers would cost more than they save. */
const WORKER_THRESHOLD = 300;
const FILES_PER_WORKER = 200;
const HELD_MB_PER_FILE = 0.04;
const PROGRESS_STEP = 50;

export interface SitePool {
  /** Every file's parse, in input order. */
  readonly parsed: readonly ParsedSiteFile[];
  /**
   * Finishes and writes every page, each on the thread that rendered it; then the threads end. Orders for files
   * another pool parsed are left alone.
   */
  finish(
    outDir: string,
    orders: readonly FinishOrder[],
    pageOfSource: ReadonlyMap<string, string>,
  ): Promise<FinishReport>;
}

/** Parses and renders the files on worker threads (one contiguous slice each), or in process for few files. */
export async function startSitePool(
  files: readonly string[],
  cwd: string,
  settings: PageSettings,
  /** Each thread's part of reviews.json is `<jsonParts>-<n>`. */
  jsonParts: string,
  /** Called as files are parsed: the latest of them, and how many so far. */
  onParsed: (batch: readonly ParsedSiteFile[], done: number) => void = () => undefined,
  /** Themes the last build worked out (a warm build's few files stay on this thread, where this is used). */
  knownThemes?: KnownThemes,
): Promise<SitePool> {
  if (files.length < WORKER_THRESHOLD || !canUseWorkers()) {
    const job = new SiteJob(cwd, settings, `${jsonParts}-0`, knownThemes);
    const parsed: ParsedSiteFile[] = [];
    for (let start = 0; start < files.length; start += PROGRESS_STEP) {
      const batch = await job.parse(files.slice(start, start + PROGRESS_STEP));
      parsed.push(...batch);
      onParsed(batch, parsed.length);
    }
    return { parsed, finish: async (outDir, orders, pages) => job.finish(outDir, orders, pages) };
  }
  const count = Math.max(1, Math.min(availableParallelism(), Math.ceil(files.length / FILES_PER_WORKER)));
  const size = Math.ceil(files.length / count);
  const slices = Array.from({ length: count }, (_, i) => files.slice(i * size, (i + 1) * size));
  let done = 0;
  const counted = (batch: readonly ParsedSiteFile[]) => onParsed(batch, (done += batch.length));
  const workers = slices.map(
    (slice, i) => new SiteWorker(slice, cwd, settings, `${jsonParts}-${i}`, counted),
  );
  const parsed = (await Promise.all(workers.map((w) => w.parsed))).flat();
  return {
    parsed,
    async finish(outDir, orders, pageOfSource) {
      const reports = await Promise.all(
        workers.map((worker, i) => {
          const own = new Set(slices[i]);
          return worker.finish(
            outDir,
            orders.filter((o) => own.has(o.file)),
            pageOfSource,
          );
        }),
      );
      return mergeReports(reports);
    },
  };
}

type Message =
  { type: 'parsed'; batch: ParsedSiteFile[] | null } | { type: 'finished'; report: FinishReport };

class SiteWorker {
  readonly parsed: Promise<ParsedSiteFile[]>;
  private readonly worker: Worker;
  private onFinished: ((report: FinishReport) => void) | null = null;
  private failed: ((error: Error) => void) | null = null;

  constructor(
    files: readonly string[],
    cwd: string,
    settings: PageSettings,
    jsonPart: string,
    onBatch: (batch: readonly ParsedSiteFile[]) => void,
  ) {
    this.worker = new Worker(new URL('./site-worker.js', import.meta.url), {
      workerData: { files, cwd, settings, jsonPart },
      // A bound on the old generation makes V8 collect before it grows: what the thread holds per file until it
      // finishes (theme inputs, pages that link to files; other pages wait as bytes outside the heap) plus room to
      // work, so a 10,000-review build stays well under 1 GB in all.
      resourceLimits: { maxOldGenerationSizeMb: Math.ceil(192 + files.length * HELD_MB_PER_FILE) },
    });
    const results: ParsedSiteFile[] = [];
    this.parsed = new Promise((resolve, reject) => {
      this.failed = reject;
      this.worker.on('message', (message: Message) => {
        if (message.type === 'finished') this.onFinished?.(message.report);
        else if (message.batch === null) resolve(results);
        else {
          results.push(...message.batch);
          onBatch(message.batch);
        }
      });
    });
    this.worker.on('error', (error) => this.failed?.(error));
    this.worker.on('exit', (code) => {
      if (code !== 0) this.failed?.(new Error(`site worker stopped with exit code ${code}`));
    });
  }

  finish(
    outDir: string,
    orders: readonly FinishOrder[],
    pageOfSource: ReadonlyMap<string, string>,
  ): Promise<FinishReport> {
    return new Promise((resolve, reject) => {
      this.failed = reject;
      this.onFinished = (report) => {
        resolve(report);
        void this.worker.terminate();
      };
      this.worker.postMessage({ outDir, orders, pageOfSource });
    });
  }
}
