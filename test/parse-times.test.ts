import { describe, expect, it } from 'vitest';
import type { TimelineEvent } from '../src/model/review.js';
import { readStamp } from '../src/parse/clock.js';
import { impactSpanIn, withImpactSpan } from '../src/parse/impact-span.js';
import { sameMeaning } from '../src/model/meaning.js';
import { analyzeMarkdownReview, parseMarkdownReview } from '../src/parse/parse-review.js';
import { renderCanonical } from '../src/render/canonical.js';
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

  it('reads responding to alarms, a ticket from users and a report brought to the team as detections', () => {
    const responded = [
      at('16:49', 'Site repo branch master was renamed to main'),
      at('16:52', 'Site is hard down, operations engineers respond to alarms'),
      at('17:00', 'Support ticket was opened with the vendor'),
      at('17:30', 'Further issues with the site are discovered'),
    ];
    expect(deriveTimes({}, responded, '2022-01-25').detected).toBe('2022-01-25T16:52');
    // A ticket the team opens with a vendor is its response, not how it learned of the incident.
    expect(deriveTimes({}, responded.slice(2), '2022-01-25').detected).toBe('2022-01-25T17:30');
    const reported = [
      at('20:15', 'Servers take over 15 minutes to start'),
      at('20:40', 'A support ticket is opened by the community'),
      at('20:49', 'The slowness is brought to the attention of the team in chat'),
    ];
    expect(deriveTimes({}, reported, '2022-01-25').detected).toBe('2022-01-25T20:40');
    expect(deriveTimes({}, [reported[0], reported[2]] as TimelineEvent[], '2022-01-25').detected).toBe(
      '2022-01-25T20:49',
    );
    const noticed = [
      at('16:20', 'Ingress controller pods stop serving'),
      at('16:30', 'Monitoring sends emails about the outage, which we notice'),
    ];
    expect(deriveTimes({}, noticed, '2022-01-25').detected).toBe('2022-01-25T16:30');
  });

  it('takes an entry that names the moment ("outage starts") over an earlier one that only hints at it', () => {
    const events = [
      at('09:10', 'A crashloop bug is introduced in the image'),
      at('11:04', 'The node is drained; the new pod cannot start (outage starts)'),
      at('11:30', 'Received alert: job failure rate above 50%'),
      at('11:50', 'Errors stopped after the restart'),
      at('12:10', 'Fixed image deployed (impact ends)'),
    ];
    expect(deriveTimes({}, events, '2022-01-25')).toEqual({
      started: '2022-01-25T11:04',
      detected: '2022-01-25T11:30',
      mitigated: '2022-01-25T12:10',
    });
    const withoutMarker = events.filter((e) => !e.text.includes('(impact ends)'));
    expect(deriveTimes({}, withoutMarker, '2022-01-25').mitigated).toBe('2022-01-25T11:50');
    // Still bounded by the detection: a start named after it is not the start.
    const namedLate = [
      at('09:10', 'Crashloop in staging'),
      at('09:20', 'On-call initiates incident'),
      at('10:00', 'Outage starts'),
    ];
    expect(deriveTimes({}, namedLate, '2022-01-25').started).toBe('2022-01-25T09:10');
  });

  it('finds no moment after one the document states later ("Duration: 07:07 → 14:47")', () => {
    const events = [
      at('07:07', 'Outage starts: runner pods stuck Pending'),
      at('10:39', 'Analysis begins'),
      at('23:55', 'Service restored after the restart'),
    ];
    expect(deriveTimes({ resolved: '2022-01-25T14:47' }, events, '2022-01-25')).toEqual({
      started: '2022-01-25T07:07',
      resolved: '2022-01-25T14:47',
    });
    expect(deriveTimes({}, events, '2022-01-25').mitigated).toBe('2022-01-25T23:55');
  });

  it.each([
    ['Received alert: buffer space ratio below 10%'],
    ['On-call receives high error count alert, initiates incident'],
    ['Incident initiated by the support lead'],
    ['Brian of JFrog reports their finding to security@'],
    ['Automated monitoring detects increased error rates'],
    ['Users reporting timeout issues when deploying'],
    ['First alert indicating a problem, from an affected service'],
    ['@nova First report of slow response times in Discord'],
    ['Automated warning from AWS that the load balancer cannot scale'],
    ['Emil notified by social media'],
    ['Discovery: a developer sees no metrics in Grafana'],
  ])('reads "%s" as the detection', (text) => {
    expect(deriveTimes({}, [at('12:41', text)], '2022-01-25').detected).toBe('2022-01-25T12:41');
  });
});

describe('the end of impact and the resolution in the words of real timelines', () => {
  const moments = (text: string) => {
    const times = deriveTimes({ started: '2022-01-25T10:00' }, [at('11:00', text)], '2022-01-25');
    return [times.mitigated !== undefined, times.resolved !== undefined];
  };
  it.each([
    ['All systems verified operational', true, false],
    ['Hot fix deployed and live on PyPI.', true, false],
    ['Manual fix applied', true, false],
    ['CoreDNS deployment manually downgraded, which solved the issue', true, false],
    ['The issue is closed and everything seems fine', false, true],
    ['"Fix" applied, KIAM service fully down', false, false],
    ['Fix has been attempted to be rolled out in production but has been blocked', false, false],
  ])('"%s": mitigated %s, resolved %s', (text, mitigated, resolved) => {
    expect(moments(text)).toEqual([mitigated, resolved]);
  });
});

describe('a time range in a stamp', () => {
  it.each([
    ['14:05–14:40 deploy paused', '14:05', '14:40', null],
    ['1:46pm - 5:30pm jobs failed', '13:46', '17:30', null],
    ['9:16 PM to 11:16 PM PDT, calls failed', '21:16', '23:16', 'PDT'],
    ['10:00 deploy started', '10:00', null, null],
  ])('"%s" runs from %s to %s', (text, time, until, zone) => {
    const stamp = readStamp(text, { year: 2024 });
    expect([stamp?.time, stamp?.until, stamp?.zone]).toEqual([time, until, zone]);
  });
});

describe('the impact span a summary states', () => {
  it.each([
    [
      'The outage lasted from around 20:20 to 20:46 UTC, but was not a full outage.',
      '2021-01-10T20:20',
      '2021-01-10T20:46',
      'UTC',
    ],
    [
      'On that day between 12:17 and 12:30 UTC all downloads were broken.',
      '2021-01-10T12:17',
      '2021-01-10T12:30',
      'UTC',
    ],
    ['Jobs failed (between 4:06pm - 5:30pm).', '2021-01-10T16:06', '2021-01-10T17:30', null],
    [
      'From November 11, 4:02 PM UTC to November 14, 3:02 PM UTC ingestion was degraded.',
      '2021-11-11T16:02',
      '2021-11-14T15:02',
      'UTC',
    ],
    ['The API was down from 23:40 to 00:15.', '2021-01-10T23:40', '2021-01-11T00:15', null],
  ])('reads "%s"', (text, started, ended, zone) => {
    expect(impactSpanIn(['Some context first.', text], '2021-01-10')).toEqual({ started, ended, zone });
  });

  it('leaves out spans of sentences not about the impact, and spans without a day', () => {
    expect(impactSpanIn(['Backups run from 02:00 to 03:00 every night.'], '2021-01-10')).toBeNull();
    expect(impactSpanIn(['The site was down from 10:00 to 11:00.'], null)).toBeNull();
    expect(impactSpanIn(['The site was down from 10:00 for a while.'], '2021-01-10')).toBeNull();
  });

  it('fills the start and the end of impact only where the timeline has no start, in the timeline zone', () => {
    const span = { started: '2021-01-10T20:20', ended: '2021-01-10T20:46', zone: 'UTC' };
    expect(withImpactSpan({}, span, null)).toEqual({
      started: '2021-01-10T20:20',
      mitigated: '2021-01-10T20:46',
    });
    expect(
      withImpactSpan({ detected: '2021-01-10T20:30', resolved: '2021-01-10T22:00' }, span, null),
    ).toEqual({
      started: '2021-01-10T20:20',
      detected: '2021-01-10T20:30',
      mitigated: '2021-01-10T20:46',
      resolved: '2021-01-10T22:00',
    });
    expect(withImpactSpan({ started: '2021-01-10T20:00' }, span, null)).toEqual({
      started: '2021-01-10T20:00',
    });
    // The span disagrees with the detection: left out.
    expect(withImpactSpan({ detected: '2021-01-10T20:10' }, span, null)).toEqual({
      detected: '2021-01-10T20:10',
    });
    // An end after the resolution is not the end of impact; the start still holds.
    expect(withImpactSpan({ resolved: '2021-01-10T20:40' }, span, null)).toEqual({
      started: '2021-01-10T20:20',
      resolved: '2021-01-10T20:40',
    });
    expect(withImpactSpan({}, span, 'PST')).toEqual({
      started: '2021-01-10T12:20',
      mitigated: '2021-01-10T12:46',
    });
  });

  it('gives a review its start, end of impact and zone from its summary', () => {
    const text = [
      '# Feature flags down',
      '',
      'On 2024-02-28 feature flags went down for about 3 hours, from 15:30 to 18:10 UTC.',
      '',
      '## Root cause',
      '',
      'A migration ran from 14:00 to 15:00 and locked the table.',
      '',
    ].join('\n');
    const { review } = parseMarkdownReview({ path: '2024-02-28-flags-down.md', text, format: 'markdown' });
    expect(review.times).toEqual({ started: '2024-02-28T15:30', mitigated: '2024-02-28T18:10' });
    expect(review.durations.impactMinutes).toBe(160);
    expect(review.timezone).toBe('UTC');
  });
});

describe('a timeline whose parts read as sections of their own', () => {
  const reviewOf = (text: string) =>
    parseMarkdownReview({ path: '2025-07-21-hub-pods.md', text, format: 'markdown' }).review;
  /** fmt keeps what the parts' headings say: the same review comes back. */
  const formatsToTheSame = (text: string) => {
    const formatted = renderCanonical(
      analyzeMarkdownReview({ path: '2025-07-21-hub-pods.md', text, format: 'markdown' }),
    );
    return sameMeaning(reviewOf(formatted), reviewOf(text));
  };

  it('goes on through one section per day at its own level, each heading dating the entries under it', () => {
    const text = [
      '# Hub pods dying',
      '',
      '## Timeline',
      '',
      '_All times in UTC_',
      '',
      '## July 22',
      '',
      '### 01:03',
      '',
      'First alert fires',
      '',
      '### 23:40',
      '',
      'Hub memory limit raised',
      '',
      '## July 23',
      '',
      '### 04:10',
      '',
      'Peak of 235 users passes without trouble',
      '',
      '## Action items',
      '',
      '- [ ] Alert on hub memory @ops',
      '',
    ].join('\n');
    const review = reviewOf(text);
    expect(review.timeline.map((e) => [e.date, e.time])).toEqual([
      ['2025-07-22', '01:03'],
      ['2025-07-22', '23:40'],
      ['2025-07-23', '04:10'],
    ]);
    expect(review.sections.map((s) => s.kind)).toEqual(['timeline', 'action-items']);
    expect(review.actionItems).toHaveLength(1);
    expect(formatsToTheSame(text)).toBe(true);
  });

  it("goes on through its entries' headings where the sections are a level below", () => {
    const text = [
      '# Launches fail',
      '',
      '## Summary',
      '',
      '### What happened',
      '',
      'Pods built but never launched.',
      '',
      '## Timeline',
      '',
      'All times in PST',
      '',
      '### 2025-07-21 14:03',
      '',
      'High usage noticed; launches hang.',
      '',
      '### 14:08',
      '',
      'The hub pod is deleted.',
      '',
      '## Lessons learnt',
      '',
      '### What went well',
      '',
      '- Quickly resolved once noticed.',
      '',
      '### What went wrong',
      '',
      '- Nobody noticed for an hour.',
      '',
      '## Action items',
      '',
      '### Process improvements',
      '',
      '- [ ] Page on failed launches @ops',
      '',
      '### Technical improvements',
      '',
      '- [ ] Add a launch health check @ops',
      '',
    ].join('\n');
    const review = reviewOf(text);
    expect(review.timeline.map((e) => [e.date, e.time, e.text])).toEqual([
      ['2025-07-21', '14:03', 'High usage noticed; launches hang.'],
      ['2025-07-21', '14:08', 'The hub pod is deleted.'],
    ]);
    expect(review.timezone).toBe('PST');
    expect(formatsToTheSame(text)).toBe(true);
  });

  it('goes on through the phases under it, each a table of entries', () => {
    const text = [
      '# Cascading failures',
      '',
      '## Summary',
      '',
      '### What happened',
      '',
      'Nodes rebooted, then storage failed.',
      '',
      '## Timeline (UTC)',
      '',
      '### Phase 1: node failures',
      '',
      '| Time | Event |',
      '| --- | --- |',
      '| 09:00 | Nodes reboot |',
      '| 10:15 | Kubelet restarted |',
      '',
      '### Phase 2: storage recovery',
      '',
      '| Time | Event |',
      '| --- | --- |',
      '| 2025-07-22 02:00 | Volumes fail to attach |',
      '| 03:30 | Replicas rebuilt, service restored |',
      '',
      '## Root cause',
      '',
      '### Trigger',
      '',
      'A power event.',
      '',
      '### Contributing factors',
      '',
      'Full disks.',
      '',
    ].join('\n');
    const review = reviewOf(text);
    expect(review.timeline.map((e) => [e.date, e.time])).toEqual([
      ['2025-07-21', '09:00'],
      ['2025-07-21', '10:15'],
      ['2025-07-22', '02:00'],
      ['2025-07-22', '03:30'],
    ]);
    expect(review.sections.filter((s) => s.kind === 'timeline').map((s) => s.heading)).toEqual([
      'Timeline (UTC)',
    ]);
    expect(review.sections.map((s) => s.heading)).not.toContain('Phase 1: node failures');
    expect(formatsToTheSame(text)).toBe(true);
  });

  it('dates the entries under a heading that names their day in prose', () => {
    const text = [
      '# Cascading failures',
      '',
      '## Timeline (UTC)',
      '',
      '### Phase 1: node failures',
      '',
      '- 09:00 Nodes reboot',
      '',
      '### Phase 2: storage recovery (2025-07-22, overnight)',
      '',
      '- 02:00 Volumes fail to attach',
      '- 03:30 Replicas rebuilt, service restored',
      '',
    ].join('\n');
    expect(reviewOf(text).timeline.map((e) => [e.date, e.time])).toEqual([
      ['2025-07-21', '09:00'],
      ['2025-07-22', '02:00'],
      ['2025-07-22', '03:30'],
    ]);
  });
});
