import type { TimelineEvent } from '../model/review.js';
import { type IncidentTimes, type LocalDateTime, toEpochMinutes } from '../model/time.js';
import { EVENT_CUES } from './event-cues.js';

type Moment = keyof IncidentTimes;
const MOMENTS: readonly Moment[] = ['started', 'detected', 'mitigated', 'resolved'];

/**
 * Where the document does not state a moment, finds it in the timeline: the first entry, in order, whose words
 * mark it (after the moments before it). An untagged start falls back to the first entry on the review's day.
 */
export function deriveTimes(
  stated: IncidentTimes,
  events: readonly TimelineEvent[],
  reviewDate: string | null,
): IncidentTimes {
  const timed = events
    .flatMap((event) => {
      const at = event.date?.length === 10 && event.time ? `${event.date}T${event.time}` : null;
      const minutes = at === null ? null : toEpochMinutes(at);
      return at === null || minutes === null ? [] : [{ event, at, minutes }];
    })
    .sort((a, b) => a.minutes - b.minutes);
  const times: Record<string, LocalDateTime> = { ...definedOnly(stated) };
  // Impact starts before anyone notices it: a start cue after the detection ("found a kernel message: oom-killer",
  // hours into the response) is a finding about the cause, not the start.
  const detection =
    (stated.detected === undefined ? null : toEpochMinutes(stated.detected)) ??
    timed.find(({ event }) => matches('detected', event.text))?.minutes ??
    Infinity;
  let floor = -Infinity;
  for (const moment of MOMENTS) {
    const known = times[moment];
    if (known !== undefined) {
      floor = toEpochMinutes(known) ?? floor;
      continue;
    }
    const ceiling = moment === 'started' ? detection : Infinity;
    const found = timed.find(
      ({ event, minutes }) => minutes >= floor && minutes <= ceiling && matches(moment, event.text),
    );
    const fallback = moment === 'started' ? timed.find(({ event }) => event.date === reviewDate) : undefined;
    const chosen = found ?? fallback;
    if (chosen) {
      times[moment] = chosen.at;
      floor = chosen.minutes;
    }
  }
  return Object.fromEntries(MOMENTS.flatMap((m) => (times[m] === undefined ? [] : [[m, times[m]]])));
}

function matches(moment: Moment, text: string): boolean {
  const lower = text.toLowerCase();
  return EVENT_CUES[moment].some((cue) => cue.test(lower));
}

function definedOnly(times: IncidentTimes): Record<string, LocalDateTime> {
  return Object.fromEntries(Object.entries(times).filter(([, v]) => v !== undefined)) as Record<
    string,
    LocalDateTime
  >;
}
