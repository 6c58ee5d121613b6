import { parentPort, workerData } from 'node:worker_threads';
import { type FinishOrder, SiteJob } from './site-job.js';
import type { PageSettings } from './site-task.js';

/** A build's worker: parse its slice of files (results in batches), then finish its pages when told to. */
const BATCH = 200;
const { files, cwd, settings, jsonPart } = workerData as {
  files: string[];
  cwd: string;
  settings: PageSettings;
  jsonPart: string;
};
const job = new SiteJob(cwd, settings, jsonPart);
for (let start = 0; start < files.length; start += BATCH)
  parentPort?.postMessage({ type: 'parsed', batch: await job.parse(files.slice(start, start + BATCH)) });
parentPort?.postMessage({ type: 'parsed', batch: null });
// While the main thread builds the search index and finds similar reviews.
job.settleThemes();
parentPort?.on(
  'message',
  (message: { outDir: string; orders: FinishOrder[]; pageOfSource: Map<string, string> }) => {
    parentPort?.postMessage({
      type: 'finished',
      report: job.finish(message.outDir, message.orders, message.pageOfSource),
    });
  },
);
