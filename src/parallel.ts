import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ParsedSource } from './parse/parse-source.js';

/**
 * Parses files on worker threads, one contiguous slice each, and returns results in input order.
 */
export async function parseInParallel(files: readonly string[], cwd: string): Promise<ParsedSource[]> {
  const count = Math.max(1, Math.min(availableParallelism(), Math.ceil(files.length / 200)));
  const size = Math.ceil(files.length / count);
  const slices = Array.from({ length: count }, (_, i) => files.slice(i * size, (i + 1) * size));
  const results = await Promise.all(slices.map((slice) => runWorker(slice, cwd)));
  return results.flat();
}

/**
 * Workers run the compiled pipeline. From TypeScript sources (tests, tsx) they cannot: Node 20 does not apply
 * `--import tsx` inside worker threads, so there parsing stays on the main thread.
 */
export function canUseWorkers(): boolean {
  return !import.meta.url.endsWith('.ts');
}

function runWorker(files: readonly string[], cwd: string): Promise<ParsedSource[]> {
  const worker = new Worker(new URL('./parse-worker.js', import.meta.url), { workerData: { files, cwd } });
  const results: ParsedSource[] = [];
  return new Promise((resolve, reject) => {
    worker.on('message', (batch: ParsedSource[] | null) => {
      if (batch !== null) {
        results.push(...batch);
        return;
      }
      resolve(results);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`parse worker stopped with exit code ${code}`));
    });
  });
}
