import { execFile } from 'node:child_process';

/** Long enough for a 20 MB document on a busy machine; a hung converter must not stall the batch. */
const TOOL_TIMEOUT_MS = 60_000;

export type ToolResult =
  { readonly output: string; readonly warnings: readonly string[] } | { readonly problem: string };

/**
 * Runs a converter Debian provides (pandoc, pdftotext) on `input` (stdin) and returns its stdout, or a problem a
 * person can act on: the tool is missing (with the package to install), too slow, or refused the input.
 */
export function runTool(
  command: string,
  args: readonly string[],
  input: string | Uint8Array,
  debianPackage: string,
): Promise<ToolResult> {
  return new Promise((resolve) => {
    const child = execFile(
      command,
      [...args],
      { timeout: TOOL_TIMEOUT_MS, maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (!error) return resolve({ output: stdout, warnings: warningsIn(stderr) });
        if ((error as NodeJS.ErrnoException).code === 'ENOENT')
          return resolve({
            problem: `${command} is needed to read this format and is not installed; install it (\`apt-get install ${debianPackage}\`) and import again.`,
          });
        if (error.killed)
          return resolve({
            problem: `${command} took longer than ${TOOL_TIMEOUT_MS / 1000} s and was stopped.`,
          });
        const reason = stderr.trim().split('\n')[0] || error.message;
        resolve({ problem: `${command} could not read the file: ${reason}` });
      },
    );
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(input);
  });
}

/** Pandoc says `[WARNING] Could not load include file …` on stderr and goes on. */
function warningsIn(stderr: string): string[] {
  return stderr
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => line.replace(/^\[WARNING\]\s*/, ''));
}
