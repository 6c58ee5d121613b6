import { fromEpochMinutes, type LocalDateTime, toEpochMinutes } from '../model/time.js';

/** Offsets in minutes of the zone abbreviations postmortems use. Ambiguous ones take their usual SRE meaning. */
export const ZONE_OFFSETS: Readonly<Record<string, number>> = {
  UTC: 0,
  GMT: 0,
  Z: 0,
  WET: 0,
  BST: 60,
  CET: 60,
  CEST: 120,
  EET: 120,
  EEST: 180,
  MSK: 180,
  IST: 330,
  SGT: 480,
  HKT: 480,
  JST: 540,
  KST: 540,
  AEST: 600,
  AEDT: 660,
  ACST: 570,
  AWST: 480,
  NZST: 720,
  NZDT: 780,
  EST: -300,
  EDT: -240,
  ET: -300,
  CST: -360,
  CDT: -300,
  CT: -360,
  MST: -420,
  MDT: -360,
  MT: -420,
  PST: -480,
  PDT: -420,
  PT: -480,
  AKST: -540,
  HST: -600,
};

const NAMES = Object.keys(ZONE_OFFSETS)
  .sort((a, b) => b.length - a.length)
  .join('|');

/** A zone as written after a time: `UTC`, `(PDT)`, `UTC+10`, `GMT-3`. */
export const ZONE_SOURCE = `(?:${NAMES})(?:\\s?[+-]\\d{1,2}(?::?\\d{2})?)?`;

const ZONE_IN_TEXT = new RegExp(`(?:^|[^A-Za-z])(${ZONE_SOURCE})(?![A-Za-z])`);

/** The offset of a zone string, or null when it is not one we know. */
export function zoneOffset(zone: string): number | null {
  const match = /^([A-Z]+)?\s?(?:([+-])(\d{1,2})(?::?(\d{2}))?)?$/.exec(zone.trim().toUpperCase());
  if (!match) return null;
  const [, name, sign, hours, minutes] = match;
  const base = name === undefined ? 0 : ZONE_OFFSETS[name];
  if (base === undefined) return null;
  if (sign === undefined) return name === undefined ? null : base;
  const shift = Number(hours) * 60 + Number(minutes ?? 0);
  return base + (sign === '-' ? -shift : shift);
}

/** The first zone a sentence states, e.g. "Timeline (AEST — UTC+10)", "All times PDT." → "AEST", "PDT". */
export function findZone(text: string): string | null {
  const match = ZONE_IN_TEXT.exec(text);
  return match?.[1] ?? null;
}

/** A local time written in one zone as the clock of another reads it; as written when either zone is unknown. */
export function inZone(at: LocalDateTime, from: string | null, to: string | null): LocalDateTime {
  const fromOffset = from === null ? null : zoneOffset(from);
  const toOffset = to === null ? null : zoneOffset(to);
  const local = toEpochMinutes(at);
  if (fromOffset === null || toOffset === null || fromOffset === toOffset || local === null) return at;
  return fromEpochMinutes(local - fromOffset + toOffset);
}
