import { parentPort, workerData } from 'node:worker_threads';
import { type ParsedSource, parseSource } from './parse/parse-source.js';
import { readSource } from './read/read-sources.js';

/** Results go back in batches, so the main thread takes them in while this thread parses the next ones. */
const BATCH = 200;

const { files, cwd } = workerData as { files: string[]; cwd: string };
let batch: ParsedSource[] = [];
for (const file of files) {
  batch.push(parseSource(readSource(file, cwd)));
  if (batch.length === BATCH) {
    parentPort?.postMessage(batch);
    batch = [];
  }
}
parentPort?.postMessage(batch);
parentPort?.postMessage(null);
