import { formatDate, formatTime, isValidDate } from '../model/time.js';
import { zoneOffset } from './zones.js';

/** A timestamp read from the start of a timeline entry. */
export interface Stamp {
  /** `YYYY-MM-DD`, or `YYYY-MM` when the day is unknown (`2024-08-??`), or null. */
  readonly date: string | null;
  /** True when the date was written with unknown parts. */
  readonly uncertain: boolean;
  /** True when the year was not written and came from the context ("May 12"). */
  readonly yearless: boolean;
  /** `HH:MM` 24-hour, or null. */
  readonly time: string | null;
  /** Where a range ends ("14:05–14:40", "1:46pm - 5:30pm"): `HH:MM` 24-hour, or null. */
  readonly until: string | null;
  readonly zone: string | null;
  /** A placeholder stood where the time should be (`[???]`, `--:--`). */
  readonly placeholder: boolean;
  /** Why the stamp could not be read as written (`13:55 PM`), or null. */
  readonly problem: string | null;
  /** The problem is with the date, so the entry has no date (not even the one around it). */
  readonly invalidDate: boolean;
  /** The text after the stamp and its separators. */
  readonly rest: string;
}

const MONTHS: Readonly<Record<string, number>> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};
const MONTH = '(jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\\.?';
const WEEKDAY = '(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\\.?,?\\s+)?';
const ORDINAL = '(?:st|nd|rd|th)?';
const TIME =
  '(\\d{1,2})(?::(\\d{2}))(?::\\d{2}(?:\\.\\d+)?)?\\s*(a\\.?m\\.?|p\\.?m\\.?)?|(\\d{1,2})\\s*(a\\.?m\\.?|p\\.?m\\.?)(?![a-z])';
const LEAD = '^[\\s~≈>*\\[(]*(?:(?:around|about|approx\\.?|approximately|at|circa|ca\\.)\\s+)?';

const ISO_DATE = new RegExp(
  `${LEAD}(\\d{4})[-/.](\\d{1,2}|\\?\\?|xx)[-/.](\\d{1,2}|\\?\\?|xx)(?![\\d])`,
  'i',
);
const US_DATE = new RegExp(`${LEAD}${WEEKDAY}(\\d{1,2})/(\\d{1,2})(?:/(\\d{2,4}))?(?![\\d/])`, 'i');
const MONTH_FIRST = new RegExp(
  `${LEAD}${WEEKDAY}${MONTH}\\s+(\\d{1,2})${ORDINAL}(?:,?\\s+(\\d{4}))?(?!\\d|:\\d)`,
  'i',
);
// "15 October", "15th Oct", "19. April" (a period after the day, as German and Nordic writers put it).
const DAY_FIRST = new RegExp(
  `${LEAD}${WEEKDAY}(\\d{1,2})(?:${ORDINAL}|\\.)\\s+${MONTH}(?:,?\\s+(\\d{4}))?(?!\\d|:\\d)`,
  'i',
);
// "02-13-2025 11:00 pm": month first as in US_DATE, unless the first number cannot be a month ("13-02-2025").
const DASHED_DATE = new RegExp(`${LEAD}${WEEKDAY}(\\d{1,2})-(\\d{1,2})-(\\d{4})(?![\\d-])`, 'i');
// "[03-26 23:04]": month-day without a year, only before a time.
const MONTH_DAY = new RegExp(`${LEAD}(\\d{1,2})-(\\d{1,2})(?=\\s+\\d{1,2}:\\d{2})`);
// "February 15, 2024: 7:56am UTC": a colon may stand between the date and the time.
const TIME_AFTER_DATE = new RegExp(`^[\\s,@~T]*(?::\\s*)?(?:at\\s+)?(?:${TIME})`, 'i');
const TIME_FIRST = new RegExp(`${LEAD}(?:${TIME})`, 'i');
const TIME_RANGE_TAIL = new RegExp(`^\\s*(?:-|–|—|to)\\s*(?:${TIME})`, 'i');
// "10:35 AEST 2026-05-29", "03:30 AM PST Sunday Oct 31st": a day after the time, written so it cannot be prose.
const DATE_AFTER_TIME = new RegExp(
  `^[\\s,]*(?:on\\s+)?(?=\\d{4}-\\d{2}-\\d{2}|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\\.?,?\\s+${MONTH}|${MONTH}\\s+\\d{1,2}(?:st|nd|rd|th|,?\\s+\\d{4}))`,
  'i',
);
// A zone after a time is matched loosely and checked against the table (one regex of every name is slow).
const ZONE_AFTER = /^\s*\(?\s*([A-Za-z]{1,5}(?:\s?[+-]\d{1,2}(?::?\d{2})?)?)(?![A-Za-z])\s*\)?/;
const PLACEHOLDER =
  /^[\s[(*]*(?:\?{2,}|[-–]{1,2}:[-–]{1,2}|\?\?:\?\?|xx:xx|hh:mm|\{\{\s*hh:mm\s*\}\}|tbd|unknown)[\])*]*/i;
const HAS_DIGIT = /\d/;
const SAME_TIME_ELSEWHERE = /^\s*\(\d{1,2}:\d{2}\s*[A-Z]{2,5}\)/;
const WEEKDAY_ALONE = /^\(?(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?\)?:?$/i;
const SEPARATOR = /^[\s\])*]*(?:[-–—:|,.]+|\s)?[\s*)]*/;

export interface StampContext {
  /** The year a date without one belongs to (the review's). */
  readonly year: number | null;
}

/** Reads a leading date and/or time from `text`; null when the text does not start with one. */
export function readStamp(text: string, context: StampContext): Stamp | null {
  // Every date and time has a digit near the start; placeholders are the only stamps without one.
  if (!HAS_DIGIT.test(text.slice(0, 40))) return readPlaceholder(text);
  const leading = readDate(text, context);
  const afterDate = leading ? text.slice(leading.length) : text;
  const time = readTime(afterDate, leading ? TIME_AFTER_DATE : TIME_FIRST);
  const date = leading ?? (time ? dateAfterTime(text.slice(time.length), context) : null);
  if (!date && !time) return readPlaceholder(text);
  const placeholder = date && !time ? PLACEHOLDER.exec(afterDate.replace(/^[\s,T]+/, '')) : null;
  const skipped = placeholder
    ? afterDate.length - afterDate.replace(/^[\s,T]+/, '').length + placeholder[0].length
    : 0;
  const consumed = (date?.length ?? 0) + (time?.length ?? 0) + skipped;
  // "13:14 EDT (17:14 UTC): …": the same moment in another zone is no entry's text either.
  const after = text.slice(consumed).replace(SAME_TIME_ELSEWHERE, '').replace(SEPARATOR, '').trim();
  // "### 2025-07-26 Saturday": the weekday names the day again, it is no entry's text.
  const rest = date && !time && WEEKDAY_ALONE.test(after) ? '' : after;
  return {
    date: date?.value ?? null,
    uncertain: date?.uncertain ?? false,
    yearless: date?.yearless ?? false,
    time: time?.value ?? null,
    until: time?.until ?? null,
    zone: time?.zone ?? null,
    placeholder: placeholder !== null,
    problem: date?.problem ?? time?.problem ?? null,
    invalidDate: (date?.problem ?? null) !== null,
    rest,
  };
}

function dateAfterTime(text: string, context: StampContext): DatePart | null {
  const lead = DATE_AFTER_TIME.exec(text);
  const date = lead ? readDate(text.slice(lead[0].length), context) : null;
  return date && lead ? { ...date, length: lead[0].length + date.length } : null;
}

function readPlaceholder(text: string): Stamp | null {
  const match = PLACEHOLDER.exec(text);
  if (!match) return null;
  const rest = text.slice(match[0].length);
  // "TBD" or "unknown" opening a sentence is prose, not a stamp: require a separator after it.
  if (/^[a-z]/i.test(match[0].trim()) && !/^\s*[-–—:|]/.test(rest)) return null;
  return {
    date: null,
    uncertain: false,
    yearless: false,
    time: null,
    until: null,
    zone: null,
    placeholder: true,
    problem: null,
    invalidDate: false,
    rest: rest.replace(SEPARATOR, '').trim(),
  };
}

interface DatePart {
  readonly value: string | null;
  readonly uncertain: boolean;
  readonly yearless?: boolean;
  readonly problem: string | null;
  readonly length: number;
}

function readDate(text: string, context: StampContext): DatePart | null {
  const iso = ISO_DATE.exec(text);
  if (iso) return isoDate(iso);
  const monthFirst = MONTH_FIRST.exec(text);
  if (monthFirst)
    return namedDate(monthFirst[1], monthFirst[2], monthFirst[3], monthFirst[0].length, context);
  const dayFirst = DAY_FIRST.exec(text);
  if (dayFirst) return namedDate(dayFirst[2], dayFirst[1], dayFirst[3], dayFirst[0].length, context);
  const us = US_DATE.exec(text);
  if (us) return usDate(us, context);
  const dashed = DASHED_DATE.exec(text);
  if (dashed) {
    const [whole, first, second, year] = dashed as unknown as [string, string, string, string];
    const [month, day] = Number(first) > 12 ? [second, first] : [first, second];
    return checkedDate(Number(year), Number(month), Number(day), whole);
  }
  const monthDay = MONTH_DAY.exec(text);
  if (monthDay && context.year !== null) {
    return {
      ...checkedDate(context.year, Number(monthDay[1]), Number(monthDay[2]), monthDay[0]),
      yearless: true,
    };
  }
  return null;
}

function isoDate(match: RegExpExecArray): DatePart {
  const [whole, y, m, d] = match as unknown as [string, string, string, string];
  const year = Number(y);
  const monthKnown = /^\d+$/.test(m);
  const dayKnown = /^\d+$/.test(d);
  if (!monthKnown)
    return {
      value: null,
      uncertain: true,
      problem: `date "${whole.trim()}" has no month`,
      length: whole.length,
    };
  const month = Number(m);
  if (!dayKnown) {
    const valid = month >= 1 && month <= 12;
    return {
      value: valid ? `${year}-${String(month).padStart(2, '0')}` : null,
      uncertain: true,
      problem: valid ? null : `"${whole.trim()}" is not a valid date`,
      length: whole.length,
    };
  }
  return checkedDate(year, month, Number(d), whole);
}

function namedDate(
  monthName: string | undefined,
  day: string | undefined,
  year: string | undefined,
  length: number,
  context: StampContext,
): DatePart | null {
  const month =
    MONTHS[(monthName ?? '').toLowerCase().slice(0, 4).replace(/t$/, '')] ??
    MONTHS[(monthName ?? '').toLowerCase().slice(0, 3)];
  if (month === undefined || day === undefined) return null;
  const resolvedYear = year !== undefined ? Number(year) : context.year;
  if (resolvedYear === null) return { value: null, uncertain: true, problem: null, length };
  const date = checkedDate(resolvedYear, month, Number(day), `${monthName} ${day}`, length);
  return year === undefined ? { ...date, yearless: true } : date;
}

function usDate(match: RegExpExecArray, context: StampContext): DatePart | null {
  const [whole, m, d, y] = match as unknown as [string, string, string, string | undefined];
  if (y?.length === 3) {
    return {
      value: null,
      uncertain: false,
      problem: `"${whole.trim()}" has a 3-digit year`,
      length: whole.length,
    };
  }
  // Without a year, "1/2" is as likely a fraction or ratio as a date: only a time after it makes it one.
  if (y === undefined && (context.year === null || !TIME_AFTER_DATE.test(match.input.slice(whole.length))))
    return null;
  const year = y === undefined ? (context.year as number) : y.length === 2 ? 2000 + Number(y) : Number(y);
  const date = checkedDate(year, Number(m), Number(d), whole);
  return y === undefined ? { ...date, yearless: true } : date;
}

function checkedDate(
  year: number,
  month: number,
  day: number,
  written: string,
  length = written.length,
): DatePart {
  if (!isValidDate(year, month, day)) {
    return { value: null, uncertain: false, problem: `"${written.trim()}" is not a valid date`, length };
  }
  return { value: formatDate(year, month, day), uncertain: false, problem: null, length };
}

/** A zone written right after a time ("UTC", "(PDT)", "UTC+10"), when it is one we know. */
function readZone(text: string): { name: string; length: number } | null {
  const match = ZONE_AFTER.exec(text);
  const word = match?.[1];
  if (!match || word === undefined) return null;
  const known = zoneOffset(word) !== null && (word === word.toUpperCase() || /^(utc|gmt)/i.test(word));
  return known ? { name: word.toUpperCase(), length: match[0].length } : null;
}

interface TimePart {
  readonly value: string | null;
  /** The end of a range ("14:05–14:40"), when it is a valid time. */
  readonly until: string | null;
  readonly zone: string | null;
  readonly problem: string | null;
  readonly length: number;
}

function readTime(text: string, pattern: RegExp): TimePart | null {
  const match = pattern.exec(text);
  if (!match) return null;
  let length = match[0].length;
  let zone = readZone(text.slice(length));
  length += zone?.length ?? 0;
  const tail = TIME_RANGE_TAIL.exec(text.slice(length));
  if (tail) {
    length += tail[0].length;
    const tailZone = readZone(text.slice(length));
    length += tailZone?.length ?? 0;
    zone ??= tailZone;
  }
  const clock = clockValue(match);
  return { ...clock, until: tail ? clockValue(tail).value : null, zone: zone?.name ?? null, length };
}

/** The 24-hour `HH:MM` of a matched `TIME`, or why it is none. */
function clockValue(match: RegExpExecArray): { value: string | null; problem: string | null } {
  const [whole, h1, m1, meridiem1, h2, meridiem2] = match;
  const hour = Number(h1 ?? h2);
  const minute = Number(m1 ?? '0');
  const meridiem = (meridiem1 ?? meridiem2)?.toLowerCase().replace(/\./g, '');
  const written = whole.replace(/^[\s\-–—]*(?:to\s*)?/i, '').trim();
  if (minute > 59) return { value: null, problem: `"${written}" is not a valid time` };
  if (meridiem === undefined) {
    if (hour > 23) return { value: null, problem: `"${written}" is not a valid time` };
    return { value: formatTime(hour, minute), problem: null };
  }
  if (hour < 1 || hour > 12) {
    return {
      value: null,
      problem: `"${written}" is not a valid 12-hour time (hours run 1–12 with AM/PM)`,
    };
  }
  return { value: formatTime((hour % 12) + (meridiem === 'pm' ? 12 : 0), minute), problem: null };
}

/** A month as prose writes it: capitalised, so that "may" the verb is not one. */
const PROSE_MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\\.?';
/** Where a written date may start in prose: an ISO date, "15 October", "Monday, Oct 15", "Oct 15". */
const DATE_IN_PROSE = new RegExp(
  `\\b(?:\\d{4}-\\d{2}-\\d{2}|\\d{1,2}${ORDINAL}\\s+${PROSE_MONTH}|(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\\.?,?\\s+${PROSE_MONTH}|${PROSE_MONTH}\\s+\\d{1,2}\\b)`,
  'g',
);

/**
 * The first day written anywhere in a text ("Update on the October 15, 2018 incident", "At 01:52 UTC, 2022-10-28, …",
 * "On Monday, Oct 15, starting at …" when `year` is known): `YYYY-MM-DD`, or null.
 */
export function firstDateIn(text: string, year: number | null): { date: string; yearless: boolean } | null {
  DATE_IN_PROSE.lastIndex = 0;
  for (let m = DATE_IN_PROSE.exec(text); m !== null; m = DATE_IN_PROSE.exec(text)) {
    const read = readDate(text.slice(m.index), { year });
    if (read?.value?.length === 10 && !read.uncertain && read.problem === null)
      return { date: read.value, yearless: read.yearless ?? false };
  }
  return null;
}
