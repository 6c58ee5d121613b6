import { type ActionRecord, actionRecords } from '../../insights/follow-through.js';
import { FORMAT_OPTION, outputFormat, parseCommandArgs, todayOption } from '../args.js';
import { type CliIO, EXIT, type ExitCode, UsageError } from '../io.js';
import { writeJson } from '../report.js';
import { READ_OPTIONS, READ_USAGE, readReviewSet } from '../review-set.js';

export interface ActionFilter {
  readonly open: boolean;
  readonly overdue: boolean;
  /** Lower case, without `@`. */
  readonly owner: string | null;
}

export const actionsCommand = {
  name: 'actions',
  summary: 'List the action items of all reviews: owner, due date, done or open, overdue.',
  usage: `hindsight actions [<dir>...] [--open] [--overdue] [--owner NAME] [--format human|json] [--today YYYY-MM-DD] ${READ_USAGE}`,
  async run(io: CliIO, argv: readonly string[]): Promise<ExitCode> {
    const { values, positionals } = parseCommandArgs('actions', argv, {
      ...FORMAT_OPTION,
      open: { type: 'boolean' },
      overdue: { type: 'boolean' },
      owner: { type: 'string' },
      ...READ_OPTIONS,
      today: { type: 'string' },
    });
    const format = outputFormat(values.format);
    const today = todayOption(values.today);
    const filter: ActionFilter = {
      open: values.open === true,
      overdue: values.overdue === true,
      owner: ownerOption(values.owner),
    };
    const { reviews, parsed } = await readReviewSet(io.cwd, positionals, values);
    const { missing } = parsed;
    const items = actionRecords(reviews, today).filter((item) => matches(item, filter));
    // The list-endpoint shape of brief §3.3, so `/api/actions` can answer the same.
    if (format === 'json') writeJson(io.stdout, { items, total: items.length });
    else io.stdout.write(formatActions(items));
    for (const path of missing) io.stderr.write(`hindsight actions: ${path}: no such file or folder\n`);
    // A report: overdue items are findings, not failures.
    return missing.length > 0 ? EXIT.usage : EXIT.ok;
  },
};

/** Every filter given must hold. The owner matches case-insensitively, with or without `@`. */
export function matches(item: ActionRecord, filter: ActionFilter): boolean {
  if (filter.open && item.done) return false;
  if (filter.overdue && !item.overdue) return false;
  if (filter.owner !== null && (item.owner === null || normalizeOwner(item.owner) !== filter.owner))
    return false;
  return true;
}

function ownerOption(value: unknown): string | null {
  if (value === undefined) return null;
  const owner = normalizeOwner(String(value));
  if (owner === '') throw new UsageError('--owner needs a name.', 'Example: --owner @dana-kim');
  return owner;
}

function normalizeOwner(owner: string): string {
  return owner.trim().replace(/^@/, '').toLowerCase();
}

/** Items grouped by review (a heading line each), one line per item, and a summary line. */
export function formatActions(items: readonly ActionRecord[]): string {
  if (items.length === 0) return 'No action items match.\n';
  const out: string[] = [];
  let current: string | null = null;
  let reviews = 0;
  for (const item of items) {
    const key = `${item.reviewPath}\u0000${item.reviewId}`;
    if (key !== current) {
      if (current !== null) out.push('');
      out.push(`${item.reviewTitle ?? item.reviewId} · ${item.reviewDate ?? 'undated'}`);
      current = key;
      reviews += 1;
    }
    out.push(itemLine(item));
  }
  const done = items.filter((i) => i.done).length;
  const overdue = items.filter((i) => i.overdue).length;
  out.push(
    '',
    `${items.length} action item${items.length === 1 ? '' : 's'} in ${reviews} review${reviews === 1 ? '' : 's'}: ${items.length - done} open (${overdue} overdue), ${done} done.`,
  );
  return `${out.join('\n')}\n`;
}

/** `path:line  [ ] text  @owner  due 2025-03-20 (overdue)  link`, leaving out what the item does not have. */
function itemLine(item: ActionRecord): string {
  return [
    `  ${item.reviewPath}:${item.line}`,
    `${item.done ? '[x]' : '[ ]'} ${item.text}`,
    item.owner === null ? null : `@${item.owner.replace(/^@/, '')}`,
    item.due === null ? null : `due ${item.due}${item.overdue ? ' (overdue)' : ''}`,
    item.link,
  ]
    .filter((part) => part !== null)
    .join('  ');
}
