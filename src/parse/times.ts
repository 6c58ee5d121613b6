import type { TimelineEvent } from '../model/review.js';
import { type IncidentTimes, type LocalDateTime, toEpochMinutes } from '../model/time.js';
import { EVENT_CUES, EVENT_MARKERS } from './event-cues.js';

type Moment = keyof IncidentTimes;
const MOMENTS: readonly Moment[] = ['started', 'detected', 'mitigated', 'resolved'];

/**
 * Where the document does not state a moment, finds it in the timeline (after the moments before it): the first
 * entry, in order, that names it (`EVENT_MARKERS`), else the first whose words hint at it (`EVENT_CUES`). An
 * untagged start falls back to the first entry on the review's day.
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
      return at === null || minutes === null ? [] : [{ at, minutes, words: event.text.toLowerCase(), event }];
    })
    .sort((a, b) => a.minutes - b.minutes);
  const times: Record<string, LocalDateTime> = { ...definedOnly(stated) };
  const statedAt = MOMENTS.map((moment) =>
    stated[moment] === undefined ? null : toEpochMinutes(stated[moment]),
  );
  // Impact starts before anyone notices it: a start cue after the detection ("found a kernel message: oom-killer",
  // hours into the response) is a finding about the cause, not the start.
  const detection =
    statedAt[MOMENTS.indexOf('detected')] ??
    timed.find(({ words }) => matches(EVENT_CUES.detected, words))?.minutes ??
    Infinity;
  let floor = -Infinity;
  for (const [i, moment] of MOMENTS.entries()) {
    const known = times[moment];
    if (known !== undefined) {
      floor = statedAt[i] ?? floor;
      continue;
    }
    // A moment found comes before the moments the document states after it ("Duration: 07:07 → 14:47").
    const statedLater = statedAt.slice(i + 1).filter((at): at is number => at !== null);
    const ceiling = Math.min(moment === 'started' ? detection : Infinity, ...statedLater);
    const candidates = timed.filter(({ minutes }) => minutes >= floor && minutes <= ceiling);
    const found =
      candidates.find(({ words }) => matches(EVENT_MARKERS[moment], words)) ??
      candidates.find(({ words }) => matches(EVENT_CUES[moment], words));
    const fallback = moment === 'started' ? timed.find(({ event }) => event.date === reviewDate) : undefined;
    const chosen = found ?? fallback;
    if (chosen) {
      times[moment] = chosen.at;
      floor = chosen.minutes;
    }
  }
  return Object.fromEntries(MOMENTS.flatMap((m) => (times[m] === undefined ? [] : [[m, times[m]]])));
}

/** Whether lower-cased words hold one of the cues. */
function matches(cues: readonly RegExp[], words: string): boolean {
  return cues.some((cue) => cue.test(words));
}

function definedOnly(times: IncidentTimes): Record<string, LocalDateTime> {
  return Object.fromEntries(Object.entries(times).filter(([, v]) => v !== undefined)) as Record<
    string,
    LocalDateTime
  >;
}
