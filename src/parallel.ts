import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { FileResult, FileTask } from './file-tasks.js';

/** Runs a file task on worker threads, one contiguous slice of files each; results come back in input order. */
export async function runInParallel<T extends FileTask>(
  task: T,
  files: readonly string[],
  cwd: string,
): Promise<FileResult<T>[]> {
  const count = Math.max(1, Math.min(availableParallelism(), Math.ceil(files.length / 200)));
  const size = Math.ceil(files.length / count);
  const slices = Array.from({ length: count }, (_, i) => files.slice(i * size, (i + 1) * size));
  const results = await Promise.all(slices.map((slice) => runWorker<FileResult<T>>(task, slice, cwd)));
  return results.flat();
}

/**
 * Workers run the compiled pipeline. From TypeScript sources (tests, tsx) they cannot: Node 20 does not apply
 * `--import tsx` inside worker threads, so there the work stays on the main thread.
 */
export function canUseWorkers(): boolean {
  return !import.meta.url.endsWith('.ts');
}

function runWorker<R>(task: FileTask, files: readonly string[], cwd: string): Promise<R[]> {
  const worker = new Worker(new URL('./file-worker.js', import.meta.url), {
    workerData: { task, files, cwd },
  });
  const results: R[] = [];
  return new Promise((resolve, reject) => {
    worker.on('message', (batch: R[] | null) => {
      if (batch !== null) {
        results.push(...batch);
        return;
      }
      resolve(results);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`worker stopped with exit code ${code}`));
    });
  });
}
