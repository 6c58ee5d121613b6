import { parentPort, workerData } from 'node:worker_threads';
import { type FileTask, runFileTask } from './file-tasks.js';

/** Results go back in batches, so the main thread takes them in while this thread works on the next ones. */
const BATCH = 200;

const { task, files, cwd } = workerData as { task: FileTask; files: string[]; cwd: string };
for (let start = 0; start < files.length; start += BATCH) {
  parentPort?.postMessage(await runFileTask(task, files.slice(start, start + BATCH), cwd));
}
parentPort?.postMessage(null);
