import { describe, expect, it } from 'vitest';
import type { TimelineEvent } from '../src/model/review.js';
import { deriveTimes } from '../src/parse/times.js';

const at = (time: string, text: string): TimelineEvent => ({ date: '2022-01-25', time, text, line: 1 });

describe('deriveTimes: the moments found in a timeline', () => {
  it('does not take a start cue found after the detection for the start', () => {
    const events = [
      at('10:21', 'Detection: we received a lot of alerts about Prometheus timeouts'),
      at('10:49', 'We started a full node rollover'),
      at('15:00', 'Recovery: uncordoned the node'),
      at('15:44', 'Found a kernel message: event_loop invoked oom-killer'),
    ];
    expect(deriveTimes({}, events, '2022-01-25')).toEqual({
      started: '2022-01-25T10:21',
      detected: '2022-01-25T10:21',
      mitigated: '2022-01-25T15:00',
    });
  });

  it('still takes a start cue before the detection, and a stated detection bounds it too', () => {
    const events = [
      at('09:00', 'Deploy of v2 finished'),
      at('09:30', 'Error rate spikes on checkout'),
      at('10:00', 'Reports of issues signing in'),
      at('11:00', 'Login confirmed working again'),
    ];
    expect(deriveTimes({}, events, '2022-01-25')).toEqual({
      started: '2022-01-25T09:30',
      detected: '2022-01-25T10:00',
      mitigated: '2022-01-25T11:00',
    });
    expect(deriveTimes({ detected: '2022-01-25T09:15' }, events, '2022-01-25').started).toBe(
      '2022-01-25T09:00',
    );
  });

  it('reads a pinged on-call as the detection and a confirmed resolution as the end', () => {
    const events = [
      at('04:49', 'First recorded instance of a user seeing Prow unresponsive'),
      at('07:18', 'Oncall first pinged'),
      at('08:12', 'Root cause identified, config fix begins'),
      at('08:27', 'Announces resolution is confirmed complete'),
    ];
    expect(deriveTimes({}, events, '2022-01-25')).toEqual({
      started: '2022-01-25T04:49',
      detected: '2022-01-25T07:18',
      resolved: '2022-01-25T08:27',
    });
  });
});
