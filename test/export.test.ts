import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXPORT_COLUMNS } from '../src/render/export-table.js';
import { runCli } from './helpers.js';

const REVIEW = `---
title: 'Login "storm", then a lockout'
date: 2025-06-02
severity: P2
services: [auth, api-gateway]
started: 2025-06-02T09:00
detected: 2025-06-02T09:07
resolved: 2025-06-02T10:00
---

# Login "storm", then a lockout

## Summary

Logins failed for an hour,
after a rate limit change.

## Action items

- [ ] Alert on the login error rate @sam
- [x] Revert the limit @ana
`;

const INDEX =
  '# Reviews\n\n- [Login storm](2025-06-02-login-storm.md)\n- [Disk full](2025-01-01-disk.md)\n- [DNS](2025-02-01-dns.md)\n';

describe('hindsight export', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hindsight-export-'));
  writeFileSync(join(dir, '2025-06-02-login-storm.md'), REVIEW);
  writeFileSync(join(dir, 'index.md'), INDEX);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints every review (not index pages) as the §3.1 model in JSON, the default', async () => {
    const run = await runCli(['export', dir], dir);
    expect(run.code).toBe(0);
    const reviews = JSON.parse(run.stdout) as { id: string; durations: unknown; actionItems: unknown[] }[];
    expect(reviews.map((r) => r.id)).toEqual(['2025-06-02-login-storm']);
    expect(reviews[0]?.durations).toEqual({ toDetectMinutes: 7, toResolveMinutes: 60, impactMinutes: 60 });
    expect(reviews[0]?.actionItems).toHaveLength(2);
  });

  it('prints one CSV row per review, quoting what needs it', async () => {
    const run = await runCli(['export', dir, '--format', 'csv'], dir);
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\r\n');
    expect(lines[0]).toBe(EXPORT_COLUMNS.join(','));
    expect(lines).toHaveLength(3); // header, one review, and the empty string after the final CRLF
    const row = lines[1] as string;
    expect(row.startsWith('2025-06-02-login-storm,"Login ""storm"", then a lockout",2025-06-02,P2,2,')).toBe(
      true,
    );
    expect(row).toContain(',auth; api-gateway,');
    expect(row).toContain(',7,,60,60,2,1,');
    expect(row).toContain('"Logins failed for an hour, after a rate limit change."');
  });

  it('refuses an unknown format', async () => {
    const run = await runCli(['export', dir, '--format', 'xml'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('json, csv');
  });
});
