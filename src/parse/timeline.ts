import type { Diagnostic } from '../model/diagnostic.js';
import type { TimelineEvent } from '../model/review.js';
import { fromEpochMinutes, toEpochMinutes } from '../model/time.js';
import { type Block, flat, type Inline, type ListItem, type TableBlock } from './blocks.js';
import { firstDateIn, readStamp, type Stamp } from './clock.js';
import { findZone, inZone, zoneOffset } from './zones.js';

export interface TimelineContext {
  readonly file: string;
  /** The review's date, the fallback for times written without one. */
  readonly reviewDate: string | null;
  /** The zone stated for the whole timeline ("Timeline (AEST — UTC+10)"), if any. */
  readonly zone: string | null;
}

export interface Timeline {
  readonly events: readonly TimelineEvent[];
  /** The zone the events are in, when the document or its entries say. */
  readonly zone: string | null;
  readonly diagnostics: readonly Diagnostic[];
}

interface Draft {
  date: string | null;
  time: string | null;
  text: string;
  line: number;
  zone: string | null;
  /** The date came from around the entry (a date bullet or heading, the review), not the entry itself. */
  inherited: boolean;
}

/** Reads timeline events from a section's blocks: bullets (nested under dates), tables, timestamp headings, bold-time paragraphs. */
export function readTimeline(blocks: readonly Block[], context: TimelineContext, strict: boolean): Timeline {
  const year = context.reviewDate ? Number(context.reviewDate.slice(0, 4)) : null;
  const reader = new Reader(context, year, strict);
  reader.blocks(blocks, null);
  return reader.finish();
}

/** How many of these blocks' entries open with a date or time: decides whether an untitled section is a timeline. */
export function countStampedEntries(blocks: readonly Block[], year: number | null): StampCount {
  const known = STAMP_COUNTS.get(blocks);
  if (known?.year === year) return known;
  const counted = { ...countStamps(blocks, year), year };
  STAMP_COUNTS.set(blocks, counted);
  return counted;
}

interface StampCount {
  readonly stamped: number;
  readonly total: number;
}

/** Sections are asked more than once (retyping, then choosing timeline sources); count each once. */
const STAMP_COUNTS = new WeakMap<readonly Block[], StampCount & { readonly year: number | null }>();

function countStamps(blocks: readonly Block[], year: number | null): StampCount {
  let stamped = 0;
  let total = 0;
  const visit = (text: string) => {
    total++;
    const stamp = readStamp(flat(text), { year });
    if (stamp && (stamp.time !== null || stamp.date !== null || stamp.placeholder)) stamped++;
  };
  for (const block of blocks) {
    if (block.type === 'list') for (const item of block.items) visit(item.inline.text);
    else if (block.type === 'paragraph') for (const line of block.inline.text.split('\n')) visit(line);
    else if (block.type === 'table')
      for (const row of block.rows) visit(row.cells.map((c) => c.text).join(' '));
  }
  return { stamped, total };
}

class Reader {
  private readonly drafts: Draft[] = [];
  private readonly diagnostics: Diagnostic[] = [];
  private zone: string | null;
  /** A timestamp heading waiting for the text under it. */
  private pendingHeading: Draft | null = null;
  /** The date set by the last date-only heading or paragraph. */
  private headingDate: string | null = null;
  /** The last full date an entry stated, to carry "January 1" after "December 31" into the next year. */
  private lastDate: string | null = null;

  constructor(
    private readonly context: TimelineContext,
    private readonly year: number | null,
    private readonly strict: boolean,
  ) {
    this.zone = context.zone;
  }

  blocks(blocks: readonly Block[], date: string | null): void {
    for (const block of blocks) {
      switch (block.type) {
        case 'heading':
          this.heading(block.inline, block.line);
          break;
        case 'paragraph':
          this.paragraph(block.inline, block.line, date ?? this.headingDate);
          break;
        case 'list':
          for (const item of block.items) this.item(item, date ?? this.headingDate);
          break;
        case 'table':
          this.table(block);
          break;
        case 'blockquote':
          this.blocks(block.children, date);
          break;
        default:
          break;
      }
    }
  }

  finish(): Timeline {
    this.flushHeading();
    this.zone ??= commonZone(this.drafts);
    rollOverMidnight(this.drafts);
    const events = this.drafts.map((d) => this.toEvent(d));
    return { events, zone: this.zone, diagnostics: this.diagnostics };
  }

  private heading(inline: Inline, line: number): void {
    this.flushHeading();
    const text = flat(inline.text);
    const stamp = readStamp(text, { year: this.year });
    if (!stamp) {
      // "### Phase 3: job controller stuck (2026-01-08)": a heading that names its day dates what is under it.
      const named = firstDateIn(text, this.year);
      if (named) this.headingDate = named.yearless ? this.placeInYear(named.date) : named.date;
      return;
    }
    this.report(stamp, line);
    if (stamp.time === null && !stamp.placeholder && stamp.rest === '') {
      this.headingDate = this.dateOf(stamp);
      return;
    }
    this.pendingHeading = this.draft(stamp, line, stamp.date ?? this.headingDate, stamp.rest);
    // "### 19. April, 11:00" then "### 11:07": the day goes on under the headings after it.
    if (!this.pendingHeading.inherited && this.pendingHeading.date?.length === 10)
      this.headingDate = this.pendingHeading.date;
  }

  private flushHeading(): void {
    if (this.pendingHeading) this.drafts.push(this.pendingHeading);
    this.pendingHeading = null;
  }

  private paragraph(inline: Inline, line: number, date: string | null): void {
    // A screenshot between the entries ("![10-31-2021 Dust Storm Graph](…)") is not one, whatever its caption says.
    if (inline.images.length > 0 && inline.images.map((image) => image.text).join('') === inline.text.trim())
      return;
    const pending = this.pendingHeading;
    if (pending && pending.text === '') {
      pending.text = flat(inline.text);
      this.flushHeading();
      return;
    }
    let last: Draft | null = null;
    inline.text.split('\n').forEach((raw, offset) => {
      const text = flat(raw);
      if (text === '') return;
      const stamp = readStamp(text, { year: this.year });
      if (stamp && isEntry(stamp)) {
        this.report(stamp, line + offset);
        last = this.draft(stamp, line + offset, date, stamp.rest);
        this.drafts.push(last);
      } else if (stamp && stamp.date !== null && stamp.rest === '') {
        this.headingDate = this.dateOf(stamp);
      } else if (last) {
        last.text = `${last.text} ${text}`.trim();
      } else {
        const zone = findZone(text);
        if (zone && /\btimes?\b/i.test(text) && this.zone === null) this.zone = zone;
      }
    });
  }

  private item(item: ListItem, parentDate: string | null): void {
    const lines = item.inline.text.split('\n');
    const text = flat(lines[0] ?? '');
    const continuation = flat(lines.slice(1).join(' '));
    const stamp = readStamp(text, { year: this.year });
    if (stamp) this.report(stamp, item.line);
    if (stamp && stamp.date !== null && stamp.time === null && stamp.rest === '' && continuation === '') {
      this.blocks(item.children, this.dateOf(stamp));
      return;
    }
    // "- 2024-06-21:" with the entry's words on the lines under it is one entry, as on one line.
    const rest = `${stamp?.rest ?? ''} ${continuation}`.trim();
    if (stamp && isEntry({ ...stamp, rest })) {
      this.drafts.push(this.draft(stamp, item.line, parentDate, rest));
    } else if (text !== '' && (parentDate !== null || this.strict)) {
      this.drafts.push({
        date: parentDate,
        time: null,
        text: flat(item.inline.text),
        line: item.line,
        zone: null,
        inherited: true,
      });
    }
    this.blocks(
      item.children.filter((b) => b.type !== 'paragraph'),
      stamp?.date ?? parentDate,
    );
  }

  private table(table: TableBlock): void {
    const headers = table.header.map((cell) => flat(cell.text).toLowerCase());
    const headerZone = table.header.map((cell) => findZone(cell.text)).find((z) => z !== null) ?? null;
    if (headerZone && this.zone === null) this.zone = headerZone;
    const timeColumn = headers.findIndex((h) => /\b(time|when|timestamp|hour)\b/.test(h));
    const isDate = (pattern: RegExp) => headers.findIndex((h, i) => i !== timeColumn && pattern.test(h));
    const dateColumn = isDate(/\bdate\b/) >= 0 ? isDate(/\bdate\b/) : isDate(/\bday\b/);
    // "Date (2022)": the year for dates written without one.
    const headerYear = /\b(19|20)\d{2}\b/.exec(headers[dateColumn] ?? '')?.[0];
    const year = headerYear ? Number(headerYear) : this.year;
    const stampColumns = [dateColumn, timeColumn].filter((i) => i >= 0);
    if (stampColumns.length === 0) stampColumns.push(0);
    const eventColumn = pickEventColumn(headers, stampColumns);
    // A time without a date is on the day of the last row that gave both, as a reader takes it (a row with a day
    // alone, "~2026-06-28 (pre-existing)", is background, not the day of the rows after it).
    let rowDate = this.headingDate;
    for (const row of table.rows) {
      const stampText = stampColumns.map((i) => flat(row.cells[i]?.text ?? '')).join(' ');
      const eventText = flat(row.cells[eventColumn]?.text ?? '');
      const stamp = readStamp(stampText, { year });
      if (stamp) this.report(stamp, row.line);
      if (!stamp && !this.strict) continue;
      const text = [stamp?.rest ?? stampText, eventText].filter((t) => t !== '').join(' — ');
      if (stamp) {
        const draft = this.draft(stamp, row.line, rowDate, text);
        if (!draft.inherited && draft.date?.length === 10 && draft.time !== null) rowDate = draft.date;
        this.drafts.push(draft);
      } else
        this.drafts.push({
          date: this.headingDate,
          time: null,
          text,
          line: row.line,
          zone: null,
          inherited: true,
        });
    }
  }

  private draft(stamp: Stamp, line: number, contextDate: string | null, text: string): Draft {
    const ownDate = this.dateOf(stamp);
    return {
      date: stamp.invalidDate ? null : (ownDate ?? contextDate ?? this.context.reviewDate),
      time: stamp.time,
      text,
      line,
      zone: stamp.zone,
      inherited: ownDate === null,
    };
  }

  /** The stamp's date; a yearless one placed in the year it most likely means (`placeInYear`). */
  private dateOf(stamp: Stamp): string | null {
    const date = stamp.yearless ? this.placeInYear(stamp.date) : stamp.date;
    if (date?.length === 10) this.lastDate = date;
    return date;
  }

  /**
   * A date written without a year takes the review's. One that falls months before the previous entry belongs to
   * the next year; a first one that falls months after the review's day ("12-05" in a review of March 26: the bug
   * landed in December), to the year before.
   */
  private placeInYear(date: string | null): string | null {
    if (date?.length !== 10) return date;
    if (this.lastDate === null) {
      const reviewDate = this.context.reviewDate;
      return reviewDate?.length === 10 && daysBetween(reviewDate, date) > HALF_YEAR_DAYS
        ? shiftYear(date, -1)
        : date;
    }
    return daysBetween(date, this.lastDate) > HALF_YEAR_DAYS ? shiftYear(date, 1) : date;
  }

  private report(stamp: Stamp, line: number): void {
    if (stamp.problem === null) return;
    this.diagnostics.push({
      rule: 'timeline-unparsed-time',
      severity: 'warning',
      message: `${stamp.problem}; the entry is kept without it. Write dates as YYYY-MM-DD and times as HH:MM (24-hour) or H:MM AM/PM.`,
      file: this.context.file,
      line,
      column: 1,
    });
  }

  private toEvent(draft: Draft): TimelineEvent {
    const converted = convertZone(draft, this.zone);
    return { date: converted.date, time: converted.time, text: draft.text, line: draft.line };
  }
}

/** When the timeline names no zone but its entries agree on one ("21:45 (UTC)"), that is the zone. */
function commonZone(drafts: readonly Draft[]): string | null {
  const zones = new Set(drafts.flatMap((d) => (d.zone ? [d.zone] : [])));
  const [only] = zones;
  return zones.size === 1 && only !== undefined && zoneOffset(only) !== null ? only : null;
}

function isEntry(stamp: Stamp): boolean {
  return (
    stamp.time !== null ||
    stamp.placeholder ||
    stamp.problem !== null ||
    (stamp.date !== null && stamp.rest !== '')
  );
}

function pickEventColumn(headers: readonly string[], stampColumns: readonly number[]): number {
  const named = headers.findIndex(
    (h, i) =>
      !stampColumns.includes(i) &&
      /\b(event|description|what|action|detail|update|activity|note|happened|summary)/.test(h),
  );
  if (named >= 0) return named;
  const other = headers.findIndex((_, i) => !stampColumns.includes(i));
  return Math.max(other, 0);
}

/** Times written without a date that run past midnight (23:50, then 00:10) belong to the next day. */
function rollOverMidnight(drafts: Draft[]): void {
  let previous: Draft | null = null;
  let shiftDays = 0;
  for (const draft of drafts) {
    if (!draft.inherited) shiftDays = 0;
    if (
      draft.inherited &&
      previous?.time &&
      draft.time &&
      draft.date !== null &&
      draft.date === previous.date
    ) {
      if (minutesOfDay(draft.time) < minutesOfDay(previous.time) - 12 * 60) shiftDays++;
    }
    const original: string | null = draft.date;
    if (draft.inherited && shiftDays > 0 && draft.date?.length === 10)
      draft.date = addDays(draft.date, shiftDays);
    previous = { ...draft, date: original };
  }
}

const HALF_YEAR_DAYS = 180;

/** Days from one `YYYY-MM-DD` to a later one (negative when it is earlier). */
function daysBetween(from: string, to: string): number {
  return ((toEpochMinutes(`${to}T00:00`) ?? 0) - (toEpochMinutes(`${from}T00:00`) ?? 0)) / 1440;
}

function shiftYear(date: string, years: number): string {
  return `${Number(date.slice(0, 4)) + years}${date.slice(4)}`;
}

function minutesOfDay(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

function addDays(date: string, days: number): string {
  const minutes = toEpochMinutes(`${date}T00:00`);
  return minutes === null ? date : fromEpochMinutes(minutes + days * 1440).slice(0, 10);
}

/** An entry stated in another zone than the timeline's is moved into the timeline's zone. */
function convertZone(draft: Draft, zone: string | null): { date: string | null; time: string | null } {
  if (!draft.time || draft.date?.length !== 10) return draft;
  const moved = inZone(`${draft.date}T${draft.time}`, draft.zone, zone);
  return { date: moved.slice(0, 10), time: moved.slice(11, 16) };
}
