/** A local date-time as the document states it: `YYYY-MM-DDTHH:MM`, no zone. */
export type LocalDateTime = string;

export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
export const MONTH_PATTERN = /^\d{4}-\d{2}$/;
export const TIME_PATTERN = /^\d{2}:\d{2}$/;
export const DATE_TIME_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

export function isValidDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Today's date where the process runs, as `YYYY-MM-DD`. */
export function localToday(now: Date = new Date()): string {
  return `${now.getFullYear()}-${pad2(now.getMonth() + 1)}-${pad2(now.getDate())}`;
}

/** Whether a string is a real `YYYY-MM-DD` date. */
export function isDay(value: string): boolean {
  return (
    DATE_PATTERN.test(value) &&
    isValidDate(Number(value.slice(0, 4)), Number(value.slice(5, 7)), Number(value.slice(8, 10)))
  );
}

export function formatDate(year: number, month: number, day: number): string {
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

export function formatTime(hour: number, minute: number): string {
  return `${pad2(hour)}:${pad2(minute)}`;
}

export function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** Minutes since the epoch, treating the local time as if it were UTC (differences are what matter). */
export function toEpochMinutes(value: LocalDateTime): number | null {
  if (!DATE_TIME_PATTERN.test(value)) return null;
  const number = (from: number, to: number) => Number(value.slice(from, to));
  return Date.UTC(number(0, 4), number(5, 7) - 1, number(8, 10), number(11, 13), number(14, 16)) / 60_000;
}

export function fromEpochMinutes(minutes: number): LocalDateTime {
  return new Date(minutes * 60_000).toISOString().slice(0, 16);
}

export function minutesBetween(from: LocalDateTime, to: LocalDateTime): number | null {
  const a = toEpochMinutes(from);
  const b = toEpochMinutes(to);
  if (a === null || b === null || b < a) return null;
  return b - a;
}

export interface IncidentTimes {
  readonly started?: LocalDateTime;
  readonly detected?: LocalDateTime;
  readonly mitigated?: LocalDateTime;
  readonly resolved?: LocalDateTime;
}

export interface Durations {
  readonly toDetectMinutes?: number;
  readonly toMitigateMinutes?: number;
  readonly toResolveMinutes?: number;
  readonly impactMinutes?: number;
}

/** Durations run from the start of impact; impact ends at mitigation when known, else at resolution. */
export function computeDurations(times: IncidentTimes): Durations {
  const { started } = times;
  if (started === undefined) return {};
  const since = (end: LocalDateTime | undefined) => (end === undefined ? null : minutesBetween(started, end));
  const toDetect = since(times.detected);
  const toMitigate = since(times.mitigated);
  const toResolve = since(times.resolved);
  const impact = toMitigate ?? toResolve;
  return {
    ...(toDetect !== null && { toDetectMinutes: toDetect }),
    ...(toMitigate !== null && { toMitigateMinutes: toMitigate }),
    ...(toResolve !== null && { toResolveMinutes: toResolve }),
    ...(impact !== null && { impactMinutes: impact }),
  };
}
