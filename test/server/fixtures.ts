import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A small reviews folder written for the server and index tests: two reviews and a non-review. */
export const REVIEWS: Readonly<Record<string, string>> = {
  '2025-03-02-checkout-db-failover.md': `---
title: Checkout database failover stalled
date: 2025-03-02
severity: P2
status: draft
services: [checkout, postgres]
tags: [database]
---

# Checkout database failover stalled

## Summary

The primary database stopped accepting writes and the failover stalled for twenty minutes.

## Timeline

- 23:41 Primary database stops accepting writes
- 23:45 Alert fires for checkout errors
- 00:03 Failover completes

## Impact

Checkout failed for 22 minutes.

## Root cause

A long-running vacuum held a lock during failover.

## Action items

- [ ] Alert on replication lag @dana due:2025-04-01 [OPS-1](https://tracker.example.com/OPS-1)
- [x] Document the manual failover @tom [OPS-2](https://tracker.example.com/OPS-2)
`,
  '2024-08-22-login-certificate-expired.md': `---
title: Login certificate expired
date: 2024-08-22
severity: P1
status: published
services: [login]
tags: [tls]
---

# Login certificate expired

## Summary

The TLS certificate of the login service expired and every sign-in failed.

## Timeline

- 09:00 Certificate expires
- 09:12 Support reports failed sign-ins
- 09:40 New certificate deployed

## Root cause

Renewal ran on a host that had been decommissioned.

## Action items

- [ ] Monitor certificate expiry @sam due:2024-09-01
`,
  'notes/index.md': `# Incident reviews

- [Checkout database failover](../2025-03-02-checkout-db-failover.md)
- [Login certificate](../2024-08-22-login-certificate-expired.md)
`,
};

export interface TempFolder {
  readonly dir: string;
  readonly reviews: string;
  cleanup(): void;
}

/** A temp dir holding `reviews/` (with the files above) and room for an index file beside it. */
export function tempReviews(files: Readonly<Record<string, string>> = REVIEWS): TempFolder {
  const dir = mkdtempSync(join(tmpdir(), 'hindsight-test-'));
  const reviews = join(dir, 'reviews');
  for (const [name, text] of Object.entries(files)) {
    const path = join(reviews, name);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, text);
  }
  return { dir, reviews, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
