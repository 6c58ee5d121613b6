/** What the benchmarks share: the median of runs, and a preload that reports a child process's peak RSS. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** A preload that writes the process's peak RSS (KB) to the file named by HINDSIGHT_BENCH_RSS_FILE on exit. */
export const RSS_PRELOAD = `data:text/javascript,${encodeURIComponent(
  "import{writeFileSync}from'node:fs';const f=process.env.HINDSIGHT_BENCH_RSS_FILE;" +
    "if(f)process.on('exit',()=>writeFileSync(f,String(process.resourceUsage().maxRSS)));",
)}`;

/** Like RSS_PRELOAD, with the CPU time (user + system, ms, all threads) after it: `<maxRSS KB> <cpu ms>`. */
export const RUSAGE_PRELOAD = `data:text/javascript,${encodeURIComponent(
  "import{writeFileSync}from'node:fs';const f=process.env.HINDSIGHT_BENCH_RSS_FILE;" +
    "if(f)process.on('exit',()=>{const u=process.resourceUsage();" +
    "writeFileSync(f,u.maxRSS+' '+Math.round((u.userCPUTime+u.systemCPUTime)/1000))});",
)}`;
