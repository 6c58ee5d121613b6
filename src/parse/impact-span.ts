import { fromEpochMinutes, type IncidentTimes, type LocalDateTime, toEpochMinutes } from '../model/time.js';
import { readStamp } from './clock.js';
import { inZone } from './zones.js';

/** When the impact began and ended, as a summary states it: "The outage lasted from around 20:20 to 20:46 UTC". */
export interface ImpactSpan {
  readonly started: LocalDateTime;
  readonly ended: LocalDateTime;
  /** The zone the span is written in, if it says. */
  readonly zone: string | null;
}

const SPAN_OPENING = /\b(?:from|between)\s+/gi;
const SPAN_JOIN = /^(?:to|and|until|till|through|-|–|—)\s*/i;
/** A span counts in a sentence about the impact, not one about a job's schedule ("backups run from 02:00 to 03:00"). */
const IMPACT_WORDS =
  /\b(?:outages?|down|unavailable|unreachable|offline|broken|degraded|degradation|disrupt\w*|fail\w*|errors?|impact\w*|affected|interrupt\w*)\b/i;
const SENTENCE_END = /(?<=[.!?])\s+(?=[A-Z(])/;

/** The first span of impact the texts state (in order), or null. A span without a date is on the review's day. */
export function impactSpanIn(texts: readonly string[], reviewDate: string | null): ImpactSpan | null {
  const year = reviewDate === null ? null : Number(reviewDate.slice(0, 4));
  for (const text of texts) {
    for (const sentence of text.split(SENTENCE_END)) {
      if (!IMPACT_WORDS.test(sentence)) continue;
      for (const opening of sentence.matchAll(SPAN_OPENING)) {
        const span = spanAt(sentence.slice(opening.index + opening[0].length), reviewDate, year);
        if (span) return span;
      }
    }
  }
  return null;
}

/** "15:30 to 18:10 UTC", "12:17 and 12:30 UTC", "1:46pm - 5:30pm", "November 11, 4:02 PM UTC to November 14, 3:02 PM UTC". */
function spanAt(text: string, reviewDate: string | null, year: number | null): ImpactSpan | null {
  const start = readStamp(text, { year });
  const day = start?.date ?? reviewDate;
  if (!start?.time || day?.length !== 10) return null;
  const end =
    start.until !== null ? { date: null, time: start.until, zone: null } : endAfter(start.rest, year);
  if (!end?.time) return null;
  const started = `${day}T${start.time}`;
  const endMinutes = toEpochMinutes(`${end.date ?? day}T${end.time}`);
  const startMinutes = toEpochMinutes(started);
  if (endMinutes === null || startMinutes === null) return null;
  // "from 23:40 to 00:15": an end at an earlier hour of the same day is on the next day.
  const ended = end.date === null && endMinutes < startMinutes ? endMinutes + 1440 : endMinutes;
  if (ended < startMinutes) return null;
  return { started, ended: fromEpochMinutes(ended), zone: start.zone ?? end.zone };
}

function endAfter(rest: string, year: number | null) {
  const join = SPAN_JOIN.exec(rest);
  return join ? readStamp(rest.slice(join[0].length), { year }) : null;
}

/**
 * The times, with a stated span's start as `started` and its end as `mitigated` (the impact ended) where the timeline
 * gave no start; the span is moved into the review's zone when both say theirs. A span that disagrees with the
 * moments known (it starts after the detection, ends before it or after the resolution) is left out.
 */
export function withImpactSpan(
  times: IncidentTimes,
  span: ImpactSpan | null,
  zone: string | null,
): IncidentTimes {
  if (span === null || times.started !== undefined) return times;
  const started = inZone(span.started, span.zone, zone);
  const ended = inZone(span.ended, span.zone, zone);
  const { detected, mitigated, resolved } = times;
  const later = [detected, mitigated, resolved].filter((t) => t !== undefined);
  if (later.some((t) => t < started)) return times;
  const endFits =
    (detected === undefined || detected <= ended) && (resolved === undefined || ended <= resolved);
  const end = mitigated ?? (endFits ? ended : undefined);
  return {
    started,
    ...(detected !== undefined && { detected }),
    ...(end !== undefined && { mitigated: end }),
    ...(resolved !== undefined && { resolved }),
  };
}
