import { parseArgs } from 'node:util';
import { isDay, localToday } from '../model/time.js';
import { UsageError } from './io.js';

export type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }>;

export const FORMAT_OPTION = { format: { type: 'string' } } as const satisfies OptionSpec;

export type OutputFormat = 'human' | 'json';

/** Parses a command's flags strictly: an unknown flag is a usage error with a hint, never ignored. */
export function parseCommandArgs<T extends OptionSpec>(command: string, argv: readonly string[], options: T) {
  try {
    return parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (error) {
    const message = (error as Error).message.split('\n')[0] ?? String(error);
    throw new UsageError(message, `Run \`hindsight ${command} --help\` to see its options.`);
  }
}

const HUMAN_OR_JSON: readonly OutputFormat[] = ['human', 'json'];

/** `--format`: one of the command's formats (the first when none is given), or a usage error naming them. */
export function outputFormat(value: unknown): OutputFormat;
export function outputFormat<F extends string>(value: unknown, allowed: readonly [F, ...F[]]): F;
export function outputFormat(value: unknown, allowed: readonly string[] = HUMAN_OR_JSON): string {
  const format = value === undefined ? (allowed[0] as string) : String(value);
  if (!allowed.includes(format))
    throw new UsageError(`Unknown --format "${format}".`, `Use one of: ${allowed.join(', ')}.`);
  return format;
}

/** `--today`: the date to measure ages and overdue items against; the local date when not given. */
export function todayOption(value: unknown): string {
  if (value === undefined) return localToday();
  const today = String(value);
  if (!isDay(today))
    throw new UsageError(`--today "${today}" is not a YYYY-MM-DD date.`, 'Example: --today 2025-03-31');
  return today;
}
