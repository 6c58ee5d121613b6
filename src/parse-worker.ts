import { parentPort, workerData } from 'node:worker_threads';
import { type ParsedSource, parseSource } from './parse/parse-source.js';
import { readSource } from './read/read-sources.js';

const { files, cwd } = workerData as { files: string[]; cwd: string };
const results: ParsedSource[] = [];
for (const file of files) results.push(parseSource(readSource(file, cwd)));
parentPort?.postMessage(results);
