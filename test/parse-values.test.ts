import { describe, expect, it } from 'vitest';
import { toStatus } from '../src/parse/values.js';

describe('toStatus', () => {
  it.each([
    ['Resolved', 'resolved'],
    [
      'Resolved (k8s03 uncordoned and fully operational as of 2026-05-22; see follow-up note below)',
      'resolved',
    ],
    ['Resolved at 2020-04-15 15:09 UTC', 'resolved'],
    ['Monitoring — fix deployed, watching error rates', 'monitoring'],
    ['Closed; see the follow-up', 'closed'],
    ['Partially resolved', 'partially-resolved'],
    ['Work in progress', 'draft'],
    ['Ready for review (Tuesday)', 'in-review'],
    ['Final', 'published'],
    ['[Resolved / Partially Resolved / Monitoring]', 'resolved-partially-resolved-monitoring'],
    ['   ', null],
  ])('%s → %s', (written, status) => {
    expect(toStatus(written)).toBe(status);
  });
});
