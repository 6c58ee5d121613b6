/** What a command may touch of the outside world: passed in, so tests run `main` in process. */
export interface CliIO {
  readonly argv: readonly string[];
  readonly cwd: string;
  readonly stdout: Writable;
  readonly stderr: Writable;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Input for commands that read a draft from `-`; absent when there is none. */
  readonly stdin?: AsyncIterable<string | Uint8Array>;
}

export interface Writable {
  write(chunk: string): unknown;
  readonly isTTY?: boolean;
}

/** Exit codes (brief §3): 0 success (warnings allowed), 1 content errors, 2 usage/config/internal failure. */
export const EXIT = { ok: 0, contentErrors: 1, usage: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A mistake in how the command was called: shown with a hint, exit 2, no stack. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}
