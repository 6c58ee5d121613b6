/**
 * Deterministic generator of realistic post-incident reviews for the parse benchmark.
 *
 * Every review comes from its own PRNG stream (mulberry32 seeded from the run seed and the review's index),
 * so the same seed always yields the same files, byte for byte. Next to the files, `manifest.json` records the
 * seed, the count and, for each file, what a correct parse should find (timeline stamps, action items, whys,
 * severity, durations): `bench/parse-once.ts` compares the parser's output against it.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Bump when the generated text changes, so stale folders are regenerated. */
export const GENERATOR_VERSION = 2;
export const MANIFEST_NAME = 'manifest.json';

export interface Expected {
  readonly file: string;
  readonly title: string;
  readonly headerStyle: HeaderStyle;
  readonly timelineStyle: TimelineStyle;
  readonly days: number;
  /** `YYYY-MM-DD HH:MM` of every timeline event, in the timeline's own zone, in document order. */
  readonly stamps: readonly string[];
  readonly actionItems: number;
  readonly done: number;
  /** Each action item as a correct parse reads it. */
  readonly actions: readonly ExpectedAction[];
  readonly whys: number;
  /** Severity level 1–4, or null when the review does not state one. */
  readonly severity: number | null;
  /** Minutes from started to detected / mitigated / resolved, when the review states those times. */
  readonly durations: {
    readonly toDetect: number;
    readonly toMitigate: number;
    readonly toResolve: number;
  } | null;
  readonly lines: number;
}

export interface ExpectedAction {
  readonly text: string;
  readonly done: boolean;
  readonly owner: string | null;
  readonly due: string | null;
  readonly link: string | null;
}

export interface Manifest {
  readonly version: number;
  readonly seed: number;
  readonly count: number;
  readonly reviews: readonly Expected[];
}

export interface GenerateResult {
  readonly dir: string;
  /** False when the folder already held this count and seed. */
  readonly generated: boolean;
  readonly ms: number;
  readonly manifest: Manifest;
}

// ---------------------------------------------------------------------------------------------------------
// Randomness

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  /** Integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }
  /** Picks by weight: `[[value, weight], …]`. */
  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    const total = choices.reduce((sum, [, w]) => sum + w, 0);
    let roll = this.next() * total;
    for (const [value, weight] of choices) {
      roll -= weight;
      if (roll < 0) return value;
    }
    const last = choices[choices.length - 1];
    if (!last) throw new Error('weighted pick from an empty list');
    return last[0];
  }
  /** The items in a random order (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const a = out[i] as T;
      out[i] = out[j] as T;
      out[j] = a;
    }
    return out;
  }
  /** `count` distinct items, kept in their original order. */
  sample<T>(items: readonly T[], count: number): T[] {
    const chosen = new Set(this.shuffle(items.map((_, i) => i)).slice(0, count));
    return items.filter((_, i) => chosen.has(i));
  }
}

// ---------------------------------------------------------------------------------------------------------
// Vocabulary

const SERVICES = [
  'checkout',
  'payments',
  'auth',
  'search',
  'catalog',
  'api-gateway',
  'notifications',
  'inventory',
  'shipping',
  'web',
  'mobile-api',
  'billing',
  'recommendations',
  'media',
  'identity',
  'orders',
] as const;

const PEOPLE = [
  'alice-ng',
  'marco-rossi',
  'priya-s',
  'sam-ortiz',
  'lena-hoffmann',
  'ravi-patel',
  'dana-kim',
  'jo-martins',
  'tomas-berg',
  'mei-chen',
  'omar-haddad',
  'ines-garcia',
  'kwame-mensah',
  'sofia-lind',
  'yuki-tanaka',
  'noah-fischer',
] as const;

const REGIONS = ['eu-west-1', 'us-east-1', 'us-west-2', 'ap-southeast-2', 'eu-central-1'] as const;
const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

interface Ctx {
  readonly svc: string;
  readonly Svc: string;
  readonly dep: string;
  readonly ver: string;
  readonly prevVer: string;
  readonly alert: string;
  readonly oncall: string;
  readonly ic: string;
  readonly helper: string;
  readonly pct: number;
  readonly pct2: number;
  readonly n: number;
  readonly pr: number;
  readonly region: string;
  readonly ticket: () => string;
}

type T = (c: Ctx) => string;

interface Scenario {
  readonly key: string;
  readonly services: readonly string[];
  readonly deps: readonly string[];
  readonly tags: readonly string[];
  readonly titles: readonly T[];
  readonly slug: T;
  readonly alert: T;
  readonly trigger: T;
  readonly symptom: T;
  readonly probes: readonly T[];
  readonly fix: T;
  readonly summary: readonly [T, T];
  readonly impact: readonly T[];
  readonly rootCause: readonly T[];
  readonly whys: readonly T[];
  readonly factors: readonly T[];
  readonly well: readonly T[];
  readonly wrong: readonly T[];
  readonly lessons: readonly T[];
  readonly actions: readonly T[];
}

const SCENARIOS: readonly Scenario[] = [
  {
    key: 'connection-storm',
    services: ['checkout', 'payments', 'orders', 'inventory', 'billing'],
    deps: ['postgres', 'mysql'],
    tags: ['database', 'connections', 'deploy', 'kubernetes'],
    titles: [
      (c) => `${c.Svc} outage from a ${c.dep} connection storm during deploy`,
      (c) => `${c.Svc} errors after ${c.dep} ran out of connections`,
      (c) => `Connection storm on ${c.dep} took down ${c.svc}`,
    ],
    slug: (c) => `${c.svc}-${c.dep}-connection-storm`,
    alert: (c) => `${c.Svc.replace(/-/g, '')}HighErrorRate`,
    trigger: (c) => `Argo CD starts syncing ${c.svc} \`${c.ver}\`; the Deployment uses \`maxSurge: 100%\``,
    symptom: (c) =>
      `Impact begins: \`${c.dep}-main\` reaches \`max_connections\` and ${c.svc} 5xx rises above ${c.pct}%`,
    probes: [
      (c) => `\`pg_stat_activity\` shows ${c.n} connections, most of them from ${c.svc}`,
      () => 'New pods are in `CrashLoopBackOff`; logs show connection retries with no delay',
      (c) => `Argo CD auto-sync disabled; \`kubectl -n ${c.svc} rollout pause deploy/${c.svc}\``,
      (c) => `Connection count falls to ${c.n}; old pods rebuild their pools`,
      (c) => `PR #${c.pr} sets \`maxSurge: 25%\` for ${c.svc}`,
      (c) => `@${c.helper} confirms \`${c.dep}-main\` CPU is fine; the limit is connections, not load`,
    ],
    fix: (c) => `\`kubectl -n ${c.svc} rollout undo deploy/${c.svc}\`; new ReplicaSet scaled to 0`,
    summary: [
      (c) =>
        `A routine ${c.svc} deploy started ${c.n % 40} new pods at the same moment. Each pod opened its own connection pool directly to the shared ${c.dep} cluster \`${c.dep}-main\`. Together they used up all available connections, and ${c.dep} began rejecting clients.`,
      (c) =>
        `${c.Svc} returned errors for up to ${c.pct}% of requests until the rollout was undone. The deploy was redone later with a smaller surge and went through cleanly.`,
    ],
    impact: [
      (c) => `${c.Svc} 5xx rate peaked at ${c.pct}%.`,
      (c) => `About ${c.n * 7} requests failed; we estimate ${c.n} orders were not completed.`,
      (c) => `Other services sharing \`${c.dep}-main\` saw connection errors for a few minutes.`,
      () => 'No data was lost.',
    ],
    rootCause: [
      (c) =>
        `${c.Svc} connects to ${c.dep} directly with a per-pod pool. Nothing limits the total number of connections across pods. A rollout that doubled the pod count pushed the total past \`max_connections\`.`,
      () => 'The immediate reconnects from restarting pods kept the connection count at the limit.',
    ],
    whys: [
      (c) => `Why did ${c.svc} fail? Because its pods could not get database connections.`,
      () => 'Why could they not get connections? Because the cluster had reached `max_connections`.',
      () => 'Why was the limit reached? Because old and new pods each held up to 20 direct connections.',
      () =>
        'Why were there so many pods at once? Because `maxSurge` had been raised to 100% to speed up deploys.',
      () => 'Why did it not recover on its own? Because failed pods reconnected immediately with no backoff.',
    ],
    factors: [
      (c) => `No connection pooler (such as PgBouncer) in front of \`${c.dep}-main\`.`,
      () =>
        'The readiness probe opens a new database connection, so it fails when the database is saturated.',
      () => 'No alert on connection saturation.',
    ],
    well: [() => 'Undoing the rollout worked, and no data needed repair.'],
    wrong: [
      () => 'Auto-sync had to be switched off during the incident, and the steps were not written down.',
    ],
    lessons: [() => 'Any change that affects pod count should be checked against a connection budget.'],
    actions: [
      (c) => `Set ${c.svc} \`maxSurge\` back to 25%`,
      (c) => `Put PgBouncer in transaction mode in front of \`${c.dep}-main\``,
      (c) => `Add exponential backoff with jitter to ${c.svc} pool reconnects`,
      () => 'Add alert `DatabaseConnectionsNearLimit` at 80% of `max_connections`',
      (c) => `Make the ${c.svc} readiness probe independent of opening a new DB connection`,
      () => 'Document a per-service connection budget',
    ],
  },
  {
    key: 'release-regression',
    services: ['api-gateway', 'auth', 'web', 'mobile-api', 'identity'],
    deps: ['auth', 'envoy', 'nginx'],
    tags: ['release', 'regression', 'rollback', 'config'],
    titles: [
      (c) => `${c.Svc} returning 502s after release ${c.ver}`,
      (c) => `Release ${c.ver} of ${c.svc} broke requests to ${c.dep}`,
      (c) => `Partial ${c.svc} outage after a refactor changed a default`,
    ],
    slug: (c) => `${c.svc}-502s-after-release`,
    alert: (c) => `${c.Svc.replace(/-/g, '')}Upstream5xx`,
    trigger: (c) => `Release ${c.ver} starts rolling out; canary gets 10% of traffic`,
    symptom: (c) => `Rollout completes; impact begins: 502s on \`/v1/${c.dep}/*\``,
    probes: [
      () => 'Canary analysis passes (overall 5xx 0.7%, threshold 1%)',
      (c) => `Gateway logs show \`upstream connection reset (ECONNRESET) upstream=${c.dep}\``,
      (c) => `Linked to the ${c.ver} changelog entry "move upstream pool settings into UpstreamPool"`,
      (c) => `Diff of effective config between ${c.prevVer} and ${c.ver} shows \`idleTimeout\` changed`,
      (c) => `@${c.helper} reproduces the 502 locally with a 10 s idle connection`,
      () => 'Decision to roll back instead of hotfixing',
    ],
    fix: (c) => `\`helm -n edge rollback ${c.svc}\` to ${c.prevVer} started`,
    summary: [
      (c) =>
        `Release ${c.ver} of \`${c.svc}\` changed the default idle timeout for upstream keep-alive connections from 4 seconds to 60 seconds. The \`${c.dep}\` service closes idle sockets after 5 seconds, so the gateway reused sockets that were already closed.`,
      (c) =>
        `Those requests failed with \`ECONNRESET\`. We rolled back to ${c.prevVer} and the errors stopped.`,
    ],
    impact: [
      (c) => `Around ${c.n * 11} requests failed with 502; about ${c.pct2}% of \`${c.dep}\` requests.`,
      (c) => `The web login success rate dropped to ${100 - c.pct2}%.`,
      () => 'Mobile apps retry, so most mobile users saw only slow responses.',
      () => 'High-traffic upstreams were barely affected.',
    ],
    rootCause: [
      (c) =>
        `Release ${c.ver} moved upstream settings into a new \`UpstreamPool\` class that has no default of its own, so it fell back to the HTTP client library's default of 60 seconds.`,
      () => 'The canary did not catch this because its analysis only compared total 5xx across all routes.',
    ],
    whys: [
      () => 'Why did clients see 502s? Because the gateway sent requests on closed sockets.',
      () => 'Why were the sockets closed? Because the upstream closes idle sockets after 5 seconds.',
      () => 'Why did the gateway keep them longer? Because its idle timeout became 60 seconds.',
      () => 'Why did the timeout change? Because a refactor dropped the global default.',
      () => 'Why did the canary pass? Because it only compared total error rates.',
    ],
    factors: [
      () => 'The refactor had no test that checked effective settings before and after.',
      () => 'Canary analysis does not look at error rates per upstream.',
      () => 'The deploy annotation on the dashboard was hidden behind a collapsed panel.',
    ],
    well: [() => 'Rolling back was quick and worked the first time.'],
    wrong: [() => 'It took a while from declaring the incident to suspecting the release.'],
    lessons: [
      () => 'A "refactor, no behaviour change" can still change defaults. Diff the effective configuration.',
    ],
    actions: [
      () => 'Restore a 4s default `idleTimeout` in `UpstreamPool` and add a unit test for it',
      () => 'Retry requests that fail with `ECONNRESET` on a reused socket when no bytes were sent',
      () => 'Add per-upstream 5xx comparison to canary analysis',
      () => 'Print effective gateway config in CI and diff it against the previous release',
      () => 'Keep deploy annotations visible on the gateway dashboard',
    ],
  },
  {
    key: 'certificate-expired',
    services: ['auth', 'identity', 'web', 'api-gateway', 'payments'],
    deps: ['cert-manager', 'letsencrypt', 'vault'],
    tags: ['tls', 'certificates', 'expiry', 'monitoring'],
    titles: [
      (c) => `${c.Svc} outage from an expired TLS certificate`,
      (c) => `Expired certificate on ${c.svc} broke logins`,
    ],
    slug: (c) => `${c.svc}-tls-certificate-expired`,
    alert: (c) => `${c.Svc.replace(/-/g, '')}ProbeFailed`,
    trigger: (c) => `\`${c.dep}\` renewal job fails silently for the \`${c.svc}\` certificate`,
    symptom: (c) => `Impact begins: certificate for \`${c.svc}.fernhill.example\` expires`,
    probes: [
      (c) =>
        `\`openssl s_client -connect ${c.svc}.fernhill.example:443 | openssl x509 -noout -enddate\` confirms expiry`,
      (c) => `\`${c.dep}\` logs show \`order is invalid: DNS-01 challenge failed\` for the past 30 days`,
      () => 'The DNS API token used for the challenge had been rotated and not updated',
      (c) => `@${c.helper} issues a certificate by hand from the internal CA as a fallback`,
      () => 'Mobile apps with certificate pinning still fail; pin list checked',
    ],
    fix: (c) => `New certificate issued and loaded on the ${c.svc} ingress`,
    summary: [
      (c) =>
        `The TLS certificate for \`${c.svc}.fernhill.example\` expired. Its automatic renewal through \`${c.dep}\` had been failing for a month because the DNS API token it used had been rotated.`,
      () => 'Browsers and mobile apps refused to connect until a new certificate was issued.',
    ],
    impact: [
      (c) => `All ${c.svc} traffic failed TLS handshakes for the duration of the incident.`,
      (c) => `About ${c.n} users contacted support.`,
      () => 'Sessions created before expiry kept working on the web.',
    ],
    rootCause: [
      (c) =>
        `Renewal for the ${c.svc} certificate depended on a DNS API token that was rotated during a credentials clean-up. The renewal job logged the failure but nothing alerted on it.`,
    ],
    whys: [
      () => 'Why did logins fail? Because the certificate had expired.',
      () => 'Why did it expire? Because renewal had failed for 30 days.',
      () => 'Why did renewal fail? Because the DNS API token was rotated.',
      () => 'Why did nobody notice? Because renewal failures are only logged.',
    ],
    factors: [
      () => 'No alert on certificates expiring within 14 days.',
      () => 'Credential rotation had no list of consumers.',
    ],
    well: [() => 'The fallback certificate from the internal CA was ready quickly.'],
    wrong: [() => 'The expiry date was visible on a dashboard nobody looks at.'],
    lessons: [() => 'Alert on certificate expiry, not only on renewal job success.'],
    actions: [
      () => 'Alert when any certificate expires within 14 days',
      () => 'Keep a list of consumers for each rotated credential',
      (c) => `Move ${c.svc} to HTTP-01 challenges`,
      () => 'Remove certificate pinning from the mobile apps',
      () => 'Add certificate expiry to the weekly ops review',
    ],
  },
  {
    key: 'provider-outage',
    services: ['payments', 'shipping', 'notifications', 'billing', 'identity'],
    deps: ['stripe', 'adyen', 'sendgrid', 'twilio', 'dhl-api'],
    tags: ['third-party', 'provider', 'dependency', 'degradation'],
    titles: [
      (c) => `${c.Svc} failing during ${c.dep} outage`,
      (c) => `${c.dep} incident degraded ${c.svc}`,
      () => 'Card payments failing during payment provider outage',
    ],
    slug: (c) => `${c.svc}-${c.dep}-provider-outage`,
    alert: (c) => `${c.Svc.replace(/-/g, '')}ProviderErrors`,
    trigger: (c) => `\`${c.dep}\` starts returning intermittent 503s in ${c.region}`,
    symptom: (c) => `Impact begins: ${c.svc} error rate above ${c.pct}%`,
    probes: [
      (c) => `\`${c.dep}\` status page still green; support ticket opened with them`,
      (c) => `Retries amplify the load: ${c.svc} sends ${c.n} requests/s, three times normal`,
      (c) => `Circuit breaker for \`${c.dep}\` found disabled since a config change`,
      (c) => `\`${c.dep}\` confirms an incident on their side in ${c.region}`,
      (c) => `Failover to the secondary provider considered; @${c.helper} checks the contract limits`,
    ],
    fix: (c) => `Traffic for ${c.svc} switched to the secondary provider`,
    summary: [
      (c) =>
        `Our provider \`${c.dep}\` had an outage in ${c.region}. ${c.Svc} kept retrying every failed call, which added load and slowed down the requests that could have succeeded.`,
      () =>
        'We switched to the secondary provider once the outage was confirmed. Failover had been designed but never practised.',
    ],
    impact: [
      (c) => `${c.pct}% of ${c.svc} requests failed at the peak.`,
      (c) => `About ${c.n} customers were affected.`,
      () => 'No duplicate charges were made.',
    ],
    rootCause: [
      (c) =>
        `An outage at \`${c.dep}\`. Our side made it worse: retries without backoff and a circuit breaker that had been disabled.`,
    ],
    whys: [
      (c) => `Why did ${c.svc} fail? Because \`${c.dep}\` returned errors.`,
      () => 'Why did it take long to switch? Because failover is manual and was never practised.',
      () => 'Why was the breaker off? Because it was disabled during a load test and never re-enabled.',
    ],
    factors: [
      () => 'Failover to the secondary provider is manual.',
      () => 'The provider status page lagged the real outage by 40 minutes.',
    ],
    well: [() => 'The secondary provider worked once traffic was switched.'],
    wrong: [() => 'We waited for the provider status page before acting.'],
    lessons: [() => 'Trust our own error rates over a provider status page.'],
    actions: [
      (c) => `Re-enable the circuit breaker for \`${c.dep}\` and alert when it is disabled`,
      () => 'Automate failover to the secondary provider',
      () => 'Practise provider failover every quarter',
      () => 'Add backoff with jitter to provider retries',
    ],
  },
  {
    key: 'disk-full',
    services: ['ci', 'search', 'catalog', 'media', 'orders'],
    deps: ['kafka', 'elasticsearch', 'postgres', 'loki'],
    tags: ['disk', 'capacity', 'logging'],
    titles: [
      (c) => `${c.dep} ran out of disk and stopped ${c.svc}`,
      (c) => `${c.Svc} stalled after ${c.dep} disks filled up`,
    ],
    slug: (c) => `${c.svc}-${c.dep}-disks-full`,
    alert: (c) => `${c.dep.replace(/-/g, '')}DiskAlmostFull`,
    trigger: (c) => `Trace logging enabled on ${c.svc} for a debugging session`,
    symptom: (c) => `Impact begins: \`${c.dep}\` brokers reach 100% disk and reject writes`,
    probes: [
      (c) => `\`df -h\` on \`${c.dep}-2\` shows \`/data\` at 100%`,
      () => 'Log volume is 14 times normal since the trace flag was enabled',
      () => 'Trace logging turned off',
      (c) => `Retention on \`${c.dep}\` topics lowered temporarily to free space`,
      (c) => `@${c.helper} adds a 500 GB volume to each broker`,
    ],
    fix: () => 'Old segments deleted; writes accepted again',
    summary: [
      (c) =>
        `Trace logging was left on for ${c.svc}, which filled the disks of \`${c.dep}\` within hours. Once the disks were full, writes were rejected and ${c.svc} stalled.`,
      () => 'We turned trace logging off, freed space and added capacity.',
    ],
    impact: [
      (c) => `${c.Svc} was unavailable for writes during the incident.`,
      (c) => `About ${c.n} jobs had to be retried.`,
    ],
    rootCause: [
      () =>
        'A debugging flag with no expiry raised log volume beyond what the cluster could hold. Disk alerts fired too late to act.',
    ],
    whys: [
      () => 'Why did writes fail? Because the disks were full.',
      () => 'Why were the disks full? Because log volume grew 14 times.',
      () => 'Why did it grow? Because trace logging was left on.',
      () => 'Why was it left on? Because debug flags have no expiry.',
    ],
    factors: [() => 'The disk alert threshold was 95%.', () => 'Debug flags have no expiry.'],
    well: [() => 'Freeing space was fast once the cause was known.'],
    wrong: [() => 'The disk alert fired only ten minutes before the disks were full.'],
    lessons: [() => 'Alert on the rate disks fill, not only on how full they are.'],
    actions: [
      () => 'Give debug flags an expiry of 24 hours',
      () => 'Alert on predicted disk full within 4 hours',
      () => 'Cap per-service log volume at ingestion',
    ],
  },
  {
    key: 'oom-kills',
    services: ['search', 'recommendations', 'catalog', 'media', 'inventory'],
    deps: ['jvm', 'node', 'go-runtime'],
    tags: ['memory', 'oom', 'capacity', 'kubernetes'],
    titles: [
      (c) => `${c.Svc} API OOM kills under peak traffic`,
      (c) => `${c.Svc} pods restarting in a loop after memory limit change`,
    ],
    slug: (c) => `${c.svc}-oom-kills`,
    alert: (c) => `${c.Svc.replace(/-/g, '')}PodRestarts`,
    trigger: (c) => `Memory limit for ${c.svc} lowered from 4 GiB to 2 GiB in PR #${c.pr}`,
    symptom: (c) => `Impact begins: ${c.svc} pods OOM-killed; p99 latency above ${c.n} ms`,
    probes: [
      (c) => `\`kubectl -n ${c.svc} get pods\` shows ${c.n % 30} restarts in 10 minutes`,
      () => 'Heap dumps show the query cache growing without a bound',
      (c) => `HPA scales ${c.svc} to its maximum of 40 pods; restarts continue`,
      (c) => `@${c.helper} reverts PR #${c.pr}`,
    ],
    fix: (c) => `Memory limit for ${c.svc} restored to 4 GiB`,
    summary: [
      (c) =>
        `A change to right-size ${c.svc} halved its memory limit. Under evening peak traffic the unbounded query cache grew past the new limit and pods were OOM-killed in a loop.`,
      () => 'Restoring the limit stopped the restarts; the cache now has a size bound.',
    ],
    impact: [
      (c) => `${c.pct}% of ${c.svc} requests timed out at the peak.`,
      () => 'Pages that depend on it showed fallback content.',
    ],
    rootCause: [
      () =>
        'The query cache has no size bound, so memory use depends on traffic. The limit change was based on a quiet week.',
    ],
    whys: [
      () => 'Why were pods killed? Because they went over their memory limit.',
      () => 'Why did they use so much memory? Because the query cache is unbounded.',
      () => 'Why was the limit lowered? Because the sizing used data from a quiet week.',
    ],
    factors: [() => 'Memory alerts are per pod, not per service.'],
    well: [() => 'Reverting the limit change was a one-line change.'],
    wrong: [() => 'The restarts looked like a traffic spike at first.'],
    lessons: [() => 'Size limits from peak traffic, not from averages.'],
    actions: [
      () => 'Bound the query cache to 512 MiB',
      () => 'Require a peak-traffic graph in resource limit PRs',
      () => 'Alert on OOM kills per service',
    ],
  },
  {
    key: 'dns-change',
    services: ['media', 'web', 'catalog', 'api-gateway'],
    deps: ['cdn', 'route53', 'cloudflare'],
    tags: ['dns', 'cdn', 'ttl', 'change-management'],
    titles: [
      (c) => `${c.Svc} assets missing after ${c.dep} DNS cutover`,
      () => 'Product images missing after CDN DNS cutover',
    ],
    slug: (c) => `${c.svc}-missing-after-dns-change`,
    alert: () => 'RumImageLoadErrorRate',
    trigger: (c) => `\`terraform apply\` for infra PR #${c.pr} changes the \`img.fernhill.example\` CNAME`,
    symptom: () => 'Impact begins: image loads fail with `ERR_CERT_COMMON_NAME_INVALID`',
    probes: [
      () => 'Support sees the first customer messages about "blank product photos"',
      () =>
        '`openssl s_client -connect img.fernhill.example:443 -servername img.fernhill.example` shows the wrong CN',
      () => 'Adding the hostname on the new CDN is estimated at 30+ min. Decision: revert DNS',
      (c) => `Revert PR #${c.pr + 1} approved`,
      (c) => `Image error rate down from ${c.pct}% to ${c.pct2}%`,
    ],
    fix: () => 'Revert applied; resolvers that query again get the old CNAME',
    summary: [
      (c) =>
        `As part of moving static assets to a new CDN, we changed a CNAME to point at \`${c.dep}\`. The new distribution had no certificate for our hostname, so clients rejected the TLS handshake.`,
      () => 'We reverted the DNS change, but a one-hour TTL on the new record slowed recovery.',
    ],
    impact: [
      (c) => `Roughly ${c.pct}% of image requests failed.`,
      () => 'Product pages loaded without photos; add-to-cart rate fell.',
    ],
    rootCause: [
      () =>
        'The pre-change check used the CDN default hostname, which has a valid certificate, and never tested our custom hostname.',
    ],
    whys: [
      () => 'Why did images fail? Because TLS handshakes failed.',
      () => 'Why did they fail? Because the CDN had no certificate for our hostname.',
      () => 'Why was that not caught? Because the check used the default hostname.',
    ],
    factors: [() => 'The new record had a TTL of 3600 seconds.'],
    well: [() => 'RUM caught TLS failures that server-side metrics could not see.'],
    wrong: [() => 'Support heard from customers before on-call was paged.'],
    lessons: [() => 'Test a DNS cutover the way clients will see it.'],
    actions: [
      () => 'Add a `--resolve` based check to the cutover runbook',
      () => 'Change the DNS module default TTL to 300',
      () => 'Shorten `RumImageLoadErrorRate` window to 3 minutes',
      () => 'Build staging and prod CDN distributions from one module',
    ],
  },
  {
    key: 'stuck-consumer',
    services: ['notifications', 'orders', 'shipping', 'billing'],
    deps: ['redis', 'kafka', 'rabbitmq'],
    tags: ['queue', 'detection', 'health-check', 'failover'],
    titles: [
      (c) => `${c.Svc} worker silently stopped after ${c.dep} failover`,
      (c) => `${c.Svc} backlog grew for hours while the consumer was stuck`,
    ],
    slug: (c) => `${c.svc}-consumer-stuck-after-${c.dep}-failover`,
    alert: (c) => `${c.Svc.replace(/-/g, '')}SendRateLow`,
    trigger: (c) => `\`${c.dep}-0\` unreachable for 30s; failover promotes \`${c.dep}-1\``,
    symptom: (c) => `Impact begins: the ${c.svc} worker's reads fail with \`READONLY\` on every attempt`,
    probes: [
      () => 'Producers keep writing to the new primary, so the backlog grows',
      () => 'First support tickets about missing emails; handled as individual cases',
      (c) => `Worker logs show about ${c.n} thousand \`READONLY\` lines`,
      (c) => `\`redis-cli -h ${c.dep}-0 ROLE\` returns \`slave\``,
      (c) => `Worker scaled to 0; @${c.helper} acks stale messages`,
      (c) => `Backlog of ${c.n * 10} messages fully sent`,
    ],
    fix: () => 'Worker scaled back to 3 replicas; connects to the new primary',
    summary: [
      (c) =>
        `A ${c.dep} failover demoted the node the ${c.svc} worker was connected to. The worker kept its old connection and retried forever, while its health check kept passing.`,
      () => 'Detection took far longer than the fix, which is the main subject of this review.',
    ],
    impact: [
      (c) => `About ${c.n * 10} messages arrived late.`,
      () => 'Password reset emails expired before they were sent.',
    ],
    rootCause: [
      () =>
        'The worker does not follow failovers, and its health check only tests that the HTTP server is up.',
    ],
    whys: [
      () => 'Why were messages not sent? Because every read failed.',
      () => 'Why did reads fail? Because the worker was connected to a replica.',
      () => 'Why did no alert fire? Because the send-rate alert was silenced.',
      () => 'Why was it silenced? Because a migration silence was created with a 90-day duration.',
    ],
    factors: [
      () => 'The liveness probe called the shallow health check.',
      () => 'Alert silences have no maximum duration.',
    ],
    well: [() => 'The backlog drained without loss once the worker reconnected.'],
    wrong: [() => 'Customers found the problem before we did.'],
    lessons: [() => 'A health check that cannot fail is worse than none.'],
    actions: [
      () => 'Use a failover-aware client in the worker',
      () => 'Point the liveness probe at the deep health check',
      () => 'Limit alert silences to 7 days',
      () => 'Alert on consumer lag, not only on send rate',
    ],
  },
];

const GENERIC_EVENTS: readonly T[] = [
  (c) => `Incident declared in #inc-${c.svc}; @${c.ic} takes incident commander`,
  (c) => `@${c.helper} joins to look at ${c.dep}`,
  (c) => `Status page updated: "${c.Svc} degraded"`,
  (c) => `Customer support reports a spike in tickets about ${c.svc}`,
  (c) => `Error rate holding at ${c.pct}%; dashboards shared in #inc-${c.svc}`,
  (c) => `Grafana shows p99 latency for ${c.svc} at ${c.n} ms`,
  (c) => `Escalated to the ${c.dep} owners`,
  () => 'Rollback considered and rejected: the previous version has the same setting',
  () => 'Update posted to #announcements',
  (c) => `Error rate down to ${c.pct2}%`,
  () => 'Monitoring for recurrence; no new errors for 15 minutes',
  (c) => `Second on-call engineer (@${c.helper}) paged for extra hands`,
  () => 'Hypothesis: a noisy neighbour on the shared node pool; ruled out after checking node metrics',
  (c) => `Traffic shifted away from ${c.region}`,
  (c) => `Recent changes to ${c.svc} listed in the incident doc`,
  () => 'Comms lead sends the first customer update',
  (c) => `Feature flag \`${c.svc}-new-path\` turned off; no change`,
  () => 'Incident bridge opened; 6 people on the call',
];

const GENERIC_WELL: readonly T[] = [
  () => 'The alert paged quickly.',
  () => 'The incident channel stayed focused, and one person owned communication.',
  () => 'Runbooks were up to date for the first steps.',
  () => 'Rollback tooling worked as designed.',
  () => 'Support and engineering shared one source of truth in the incident doc.',
];
const GENERIC_WRONG: readonly T[] = [
  () => 'It took too long to look at the dependency instead of the application code.',
  () => 'The status page was updated late.',
  () => 'Two people made changes at the same time without telling each other.',
  () => 'Dashboards for the affected service were missing key panels.',
];
const GENERIC_LESSONS: readonly T[] = [
  () => 'Check recent changes first; most incidents start with one.',
  () => 'Practise the rollback path before it is needed.',
  () => 'Write down the manual steps we took, so the next responder does not have to rediscover them.',
];
const PREVENTION: readonly T[] = [
  (c) => `Load-test ${c.svc} against the failure of \`${c.dep}\` every quarter.`,
  () => 'Make risky config changes go through the same canary as code.',
  () => 'Review alert silences weekly.',
  (c) => `Give ${c.svc} an error budget policy that pauses deploys when it is spent.`,
  () => 'Add the failure mode to the on-call training.',
];
const GENERIC_ACTIONS: readonly T[] = [
  () => 'Add the incident to the quarterly reliability review',
  (c) => `Update the ${c.svc} runbook with the mitigation steps`,
  () => 'Add a deploy annotation to the service dashboard',
  () => 'Run a game day for this failure mode',
];

// ---------------------------------------------------------------------------------------------------------
// Time helpers

const DAY_MS = 86_400_000;
const FIRST_DAY = Date.UTC(2019, 0, 1);
const LAST_DAY = Date.UTC(2026, 10, 14);

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function hhmm(minutes: number): string {
  const m = ((minutes % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

function twelveHour(minutes: number, style: number): string {
  const m = ((minutes % 1440) + 1440) % 1440;
  const h24 = Math.floor(m / 60);
  const h = ((h24 + 11) % 12) + 1;
  const mm = String(m % 60).padStart(2, '0');
  const pm = h24 >= 12;
  if (style === 0) return `${h}:${mm} ${pm ? 'PM' : 'AM'}`;
  if (style === 1) return `${h}:${mm}${pm ? 'pm' : 'am'}`;
  return `${h}:${mm} ${pm ? 'p.m.' : 'a.m.'}`;
}

function longDate(ms: number): string {
  const d = new Date(ms);
  return `${WEEKDAYS[d.getUTCDay()]}, ${MONTH_NAMES[d.getUTCMonth()]} ${d.getUTCDate()}`;
}

function shortMonthDay(ms: number): string {
  const d = new Date(ms);
  return `${MONTH_NAMES[d.getUTCMonth()]} ${d.getUTCDate()}`;
}

// ---------------------------------------------------------------------------------------------------------
// One review

export type HeaderStyle = 'yaml' | 'bold' | 'minimal';
export type TimelineStyle = 'nested' | 'flat' | 'table' | 'twelve-hour' | 'headings' | 'overnight';

interface Event {
  /** Minutes since the review's first day at 00:00, in the timeline's zone. */
  readonly at: number;
  readonly text: string;
}

function titleCase(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function version(rng: Rng, dayMs: number): string {
  const d = isoDate(dayMs).replace(/-/g, '.');
  return rng.chance(0.5) ? `v${d}-${rng.int(1, 4)}` : `${rng.int(1, 4)}.${rng.int(0, 30)}.${rng.int(0, 9)}`;
}

/** Minutes (relative to day 0, 00:00) for `count` events spread over `days` days, ascending. */
function eventMinutes(rng: Rng, count: number, days: number, overnight: boolean): number[] {
  if (overnight) {
    // One continuous incident that crosses midnight: every gap under 3 hours.
    const out: number[] = [];
    let at = rng.int(20 * 60, 23 * 60 + 10);
    for (let i = 0; i < count; i++) {
      out.push(at);
      at += rng.chance(0.15) ? rng.int(40, 170) : rng.int(2, 25);
    }
    return out;
  }
  // Which day each event falls on: the first on day 0, the last on the last day, ascending in between.
  const dayOf: number[] = [];
  for (let i = 0; i < count; i++) {
    if (i === 0) dayOf.push(0);
    else if (i === count - 1) dayOf.push(days - 1);
    else dayOf.push(rng.int(0, days - 1));
  }
  dayOf.sort((a, b) => a - b);
  const out: number[] = [];
  for (let day = 0; day < days; day++) {
    const k = dayOf.filter((d) => d === day).length;
    if (k === 0) continue;
    const gaps = Array.from({ length: k - 1 }, () => (rng.chance(0.12) ? rng.int(30, 120) : rng.int(1, 22)));
    const span = gaps.reduce((a, b) => a + b, 0);
    const latestStart = Math.max(0, 1439 - span);
    let at = rng.int(Math.min(latestStart, 6 * 60), latestStart);
    if (span > 1439) at = 0;
    for (let i = 0; i < k; i++) {
      out.push(day * 1440 + Math.min(at, 1439));
      at += gaps[i] ?? 0;
    }
  }
  return out;
}

interface Built {
  readonly text: string;
  readonly expected: Omit<Expected, 'file'>;
  readonly date: string;
  readonly slug: string;
}

/** Builds review number `index` of a run with `seed`. Pure: same arguments, same text. */
export function buildReview(seed: number, index: number): Built {
  const rng = new Rng((seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
  const scenario = rng.pick(SCENARIOS);
  const dayMs = FIRST_DAY + rng.int(0, Math.floor((LAST_DAY - FIRST_DAY) / DAY_MS)) * DAY_MS;
  const date = isoDate(dayMs);
  const svc = rng.pick(scenario.services);
  const dep = rng.pick(scenario.deps);
  const [oncall, ic, helper, author2] = rng.shuffle(PEOPLE) as [string, string, string, string];
  let ticketNo = rng.int(100, 9000);
  const c: Ctx = {
    svc,
    Svc: titleCase(svc),
    dep,
    ver: version(rng, dayMs),
    prevVer: version(rng, dayMs - DAY_MS * 7),
    alert: '',
    oncall,
    ic,
    helper,
    pct: rng.int(12, 95),
    pct2: rng.int(1, 11),
    n: rng.int(120, 4800),
    pr: rng.int(200, 9999),
    region: rng.pick(REGIONS),
    ticket: () => `OPS-${ticketNo++}`,
  };
  const alert = scenario.alert(c);
  const ctx: Ctx = { ...c, alert };
  const title = rng.pick(scenario.titles)(ctx);
  const severity = rng.weighted<number>([
    [1, 0.1],
    [2, 0.3],
    [3, 0.4],
    [4, 0.2],
  ]);
  const headerStyle = rng.weighted<HeaderStyle>([
    ['yaml', 0.75],
    ['bold', 0.15],
    ['minimal', 0.1],
  ]);

  // Timeline shape.
  let timelineStyle = rng.weighted<TimelineStyle>([
    ['nested', 0.4],
    ['flat', 0.12],
    ['table', 0.2],
    ['twelve-hour', 0.15],
    ['headings', 0.05],
    ['overnight', 0.08],
  ]);
  const eventCount = rng.int(5, 25);
  let days = rng.weighted<number>([
    [1, 0.6],
    [2, 0.28],
    [3, 0.12],
  ]);
  if (timelineStyle === 'overnight') days = 2;
  const minutes = eventMinutes(rng, eventCount, days, timelineStyle === 'overnight');
  const lastMinute = minutes[minutes.length - 1] ?? 0;
  days = Math.floor(lastMinute / 1440) + 1;
  if (timelineStyle === 'overnight' && days === 1) timelineStyle = 'flat';
  const zone = timelineStyle === 'twelve-hour' ? rng.pick(['PDT', 'PST', 'EST', 'EDT', 'CET', 'UTC']) : 'UTC';

  // Events: trigger, impact, detection, middle, fix, mitigated, resolved.
  // Between detection and mitigation: the scenario's fix last, before it investigation steps. The
  // scenario's own steps keep their order; generic ones are interleaved at random.
  const middleCount = Math.max(0, eventCount - 6);
  const probes = rng.sample(scenario.probes, Math.min(middleCount, rng.int(2, scenario.probes.length)));
  const generic = rng.shuffle(GENERIC_EVENTS).slice(0, middleCount - probes.length);
  const middle: string[] = [];
  while (probes.length > 0 || generic.length > 0) {
    const fromProbes = generic.length === 0 || (probes.length > 0 && rng.chance(0.5));
    const next = fromProbes ? probes.shift() : generic.shift();
    if (next) middle.push(next(ctx));
  }
  while (middle.length < middleCount) middle.push(`Status update ${middle.length + 1} posted in #inc-${svc}`);
  if (eventCount > 5) middle.push(scenario.fix(ctx));
  const detectText = rng.pick<T>([
    (x) => `Alert \`${x.alert}\` fires and pages on-call (@${x.oncall})`,
    (x) => `Detected: \`${x.alert}\` pages the on-call engineer (@${x.oncall})`,
    (x) => `On-call (@${x.oncall}) paged by \`${x.alert}\``,
  ])(ctx);
  const texts = [
    scenario.trigger(ctx),
    scenario.symptom(ctx),
    detectText,
    ...middle,
    rng.pick(['Mitigated: error rate back to baseline', 'Mitigated; traffic back to normal levels']),
    rng.pick([
      'Resolved: incident closed',
      'Resolved: monitoring shows no recurrence, incident closed',
      'Incident resolved',
    ]),
  ];
  if (texts.length !== minutes.length)
    throw new Error(`${texts.length} event texts for ${minutes.length} times`);
  const events: Event[] = texts.map((text, i) => ({
    at: minutes[i] ?? 0,
    text,
  }));
  const started = events[1]?.at ?? 0;
  const detected = events[2]?.at ?? 0;
  const mitigated = events[events.length - 2]?.at ?? 0;
  const resolved = events[events.length - 1]?.at ?? 0;
  const stampOf = (at: number) => `${isoDate(dayMs + Math.floor(at / 1440) * DAY_MS)} ${hhmm(at)}`;
  const dateOf = (at: number) => isoDate(dayMs + Math.floor(at / 1440) * DAY_MS);
  const dateTime = (at: number) => `${dateOf(at)}T${hhmm(at)}`;

  const out: string[] = [];
  const emoji = rng.chance(0.2);
  const numbered = !emoji && rng.chance(0.06);
  let sectionNo = 0;
  const heading = (kind: SectionName) => {
    const [name, icon] = rng.pick(HEADINGS[kind]);
    sectionNo++;
    const text = emoji ? `${icon} ${name}` : numbered ? `${sectionNo}. ${name}` : name;
    out.push(`## ${text}`, '');
  };
  const para = (s: string) => out.push(s, '');
  const bullets = (items: readonly string[]) => {
    for (const item of items) out.push(`- ${item}`);
    out.push('');
  };

  // Header.
  const services = [svc, ...(rng.chance(0.6) ? [dep] : [])];
  if (rng.chance(0.3)) services.push(rng.pick(SERVICES.filter((s) => !services.includes(s))));
  const tags = rng.sample(scenario.tags, rng.int(2, scenario.tags.length));
  const authors = rng.chance(0.6) ? [c.ic, author2] : [c.ic];
  const status = rng.pick(['published', 'published', 'in-review', 'draft', 'final']);
  let stateTimes = false;
  if (headerStyle === 'yaml') {
    stateTimes = zone === 'UTC' && rng.chance(0.85);
    out.push('---', `title: ${yamlString(title)}`, `date: ${date}`);
    out.push(`severity: ${rng.chance(0.85) ? `P${severity}` : `SEV${severity}`}`, `status: ${status}`);
    out.push(`services: [${services.join(', ')}]`);
    if (rng.chance(0.8)) out.push(`tags: [${tags.join(', ')}]`);
    out.push(`authors: [${authors.join(', ')}]`);
    if (stateTimes)
      out.push(
        `started: ${dateTime(started)}`,
        `detected: ${dateTime(detected)}`,
        `mitigated: ${dateTime(mitigated)}`,
        `resolved: ${dateTime(resolved)}`,
      );
    out.push('---', '', `# ${title}`, '');
    if (rng.chance(0.1))
      para(`> ${titleCase(status.replace('-', ' '))}. Please leave comments in #postmortems.`);
  } else if (headerStyle === 'bold') {
    out.push(`# ${rng.pick(['Incident: ', 'Postmortem: ', 'Incident Report: ', ''])}${title}`, '');
    out.push(`**Date:** ${date}`, `**Severity:** SEV-${severity}`);
    if (days === 1 && zone === 'UTC')
      out.push(`**Duration:** ${hhmm(started)} to ${hhmm(resolved)} UTC (${resolved - started} minutes)`);
    out.push(`**Status:** ${titleCase(status)}`, `**Services:** ${services.join(', ')}`);
    out.push(`**Incident commander:** @${c.ic}`, `**Author:** @${c.ic}`, '', '---', '');
  } else {
    out.push('---', `title: ${yamlString(title)}`, `date: ${date}`, '---', '', `# ${title}`, '');
    out.push(`Owner: @${c.ic}`, `Affected services: ${services.join(', ')}`);
    const statesSeverity = rng.chance(0.5);
    if (statesSeverity) out.push(`Severity: P${severity}`);
    out.push('');
    if (rng.chance(0.5)) para(`Reviewed in the weekly ops review on ${shortMonthDay(dayMs + 7 * DAY_MS)}.`);
  }
  const statedSeverity =
    headerStyle === 'minimal' ? (out.some((l) => l.startsWith('Severity: ')) ? severity : null) : severity;

  // Summary.
  heading('summary');
  para(scenario.summary[0](ctx));
  if (rng.chance(0.8)) para(scenario.summary[1](ctx));

  // Short timelines come with fuller write-ups, so every review lands at roughly 60–150 lines.
  const boost = eventCount < 10 ? 0.3 : eventCount < 16 ? 0.1 : 0;
  const optional = (p: number) => rng.chance(Math.min(1, p + boost));
  if (optional(0.35)) {
    heading('leadup');
    para(
      `${ctx.Svc} runs ${rng.int(6, 60)} pods in ${ctx.region} and depends on \`${dep}\`. ${rng.pick([
        `The last change to it before the incident was ${ctx.ver}.`,
        'It had been stable for three months before this incident.',
        `A migration of \`${dep}\` to new hardware was half done at the time.`,
      ])}`,
    );
  }

  // Timeline.
  heading('timeline');
  writeTimeline(out, rng, timelineStyle, zone, events, dayMs);

  if (optional(0.9)) {
    heading('impact');
    bullets([
      `${mitigated - started} minutes of ${rng.pick(['errors', 'degraded service', 'partial outage'])} for ${svc} users.`,
      ...rng.sample(scenario.impact, rng.int(2, scenario.impact.length)).map((t) => t(ctx)),
    ]);
  }
  if (optional(0.6)) {
    heading('detection');
    para(
      `\`${alert}\` paged ${detected - started} minutes after impact began. ${rng.pick([
        'That is within what the alert is designed for.',
        'That is slower than we want for a user-facing failure.',
        'Nothing alerted on the underlying cause itself.',
      ])}`,
    );
  }
  if (optional(0.5)) {
    heading('response');
    para(
      `@${c.oncall} took the page and opened #inc-${svc}. @${c.ic} took incident command. ${rng.pick([
        'The first hypothesis was the latest release, which cost some time.',
        'Responders checked the dependency first, which turned out to be right.',
        'The runbook covered the first steps but not the mitigation.',
      ])}`,
    );
  }
  if (optional(0.5)) {
    heading('recovery');
    para(
      `${scenario.fix(ctx)}. ${rng.pick(['No data had to be repaired.', 'Backlogs drained within an hour.'])}`,
    );
  }
  let whyCount = 0;
  if (optional(0.5)) {
    heading('whys');
    const whys = scenario.whys.slice(0, rng.int(Math.min(3, scenario.whys.length), scenario.whys.length));
    whys.forEach((t, i) => {
      out.push(`${i + 1}. ${t(ctx)}`);
    });
    out.push('');
    whyCount = whys.length;
  }
  if (optional(0.9)) {
    heading('rootCause');
    for (const t of scenario.rootCause) para(t(ctx));
  }
  if (optional(0.6)) {
    heading('factors');
    bullets(rng.sample(scenario.factors, rng.int(1, scenario.factors.length)).map((t) => t(ctx)));
  }
  if (optional(0.75)) {
    heading('well');
    bullets([...scenario.well, ...rng.sample(GENERIC_WELL, rng.int(1, 2))].map((t) => t(ctx)));
  }
  if (optional(0.7)) {
    heading('wrong');
    bullets([...scenario.wrong, ...rng.sample(GENERIC_WRONG, rng.int(1, 2))].map((t) => t(ctx)));
  }
  if (optional(0.7)) {
    heading('lessons');
    const lessons = [...scenario.lessons, ...rng.sample(GENERIC_LESSONS, rng.int(0, 2))].map((t) => t(ctx));
    if (rng.chance(0.5)) bullets(lessons);
    else para(lessons.join(' '));
  }

  if (optional(0.25)) {
    heading('prevention');
    bullets(rng.sample(PREVENTION, rng.int(2, 4)).map((t) => t(ctx)));
  }
  if (rng.chance(0.2)) {
    heading('supporting');
    bullets([
      `Dashboard: https://grafana.example.com/d/${svc}-overview`,
      `Incident channel: #inc-${svc}`,
      ...(rng.chance(0.5) ? [`Deploy log: https://argo.example.com/applications/${svc}`] : []),
    ]);
  }

  // Action items.
  heading('actions');
  const actionCount = rng.int(2, 8);
  const actionPool = [...scenario.actions, ...GENERIC_ACTIONS];
  const chosen = rng.sample(actionPool, actionCount).map((t) => t(ctx));
  while (chosen.length < actionCount) chosen.push(`Follow up with the ${dep} owners (${chosen.length + 1})`);
  const asTable = rng.chance(0.06);
  const format = rng.int(0, 2);
  let doneCount = 0;
  const actions: ExpectedAction[] = [];
  if (asTable)
    out.push('| Action | Owner | Due | Status | Ticket |', '|--------|-------|-----|--------|--------|');
  for (const text of chosen) {
    const done = rng.chance(0.45);
    if (done) doneCount++;
    const owner = rng.chance(0.8) ? rng.pick(PEOPLE) : null;
    const due = !done && rng.chance(0.5) ? isoDate(dayMs + rng.int(10, 90) * DAY_MS) : null;
    const ticket = rng.chance(0.75) ? ctx.ticket() : null;
    const url = ticket ? `https://tracker.example.com/${ticket}` : null;
    const link = ticket ? `[${ticket}](${url})` : null;
    // The parenthesised style names the ticket without a URL.
    actions.push({ text, done, owner, due, link: asTable || format !== 2 ? url : null });
    if (asTable) {
      out.push(
        `| ${text} | ${owner ? `@${owner}` : 'TBD'} | ${due ?? '-'} | ${done ? 'Done' : 'Open'} | ${link ?? '-'} |`,
      );
      continue;
    }
    const box = done ? '[x]' : '[ ]';
    if (format === 0) {
      const parts = [text, owner ? `@${owner}` : null, due ? `due:${due}` : null, link].filter(Boolean);
      out.push(`- ${box} ${parts.join(' ')}`);
    } else if (format === 1) {
      const parts = [text, owner ? `@${owner}` : null, due ? `due ${due}` : null, link].filter(Boolean);
      out.push(`- ${box} ${parts.join(' — ')}`);
    } else {
      const meta = [owner ? `@${owner}` : null, ticket, due ? `due ${due}` : null].filter(Boolean);
      out.push(`- ${box} ${text}${meta.length > 0 ? ` (${meta.join(', ')})` : ''}`);
    }
  }
  out.push('');

  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  const text = `${out.join('\n')}\n`;
  const slug = scenario.slug(ctx);
  return {
    text,
    date,
    slug,
    expected: {
      title,
      headerStyle,
      timelineStyle,
      days,
      stamps: events.map((e) => stampOf(e.at)),
      actionItems: actionCount,
      done: doneCount,
      actions,
      whys: whyCount,
      severity: statedSeverity,
      durations: stateTimes
        ? {
            toDetect: detected - started,
            toMitigate: mitigated - started,
            toResolve: resolved - started,
          }
        : null,
      lines: out.length + 1,
    },
  };
}

type SectionName =
  | 'summary'
  | 'leadup'
  | 'prevention'
  | 'supporting'
  | 'timeline'
  | 'impact'
  | 'detection'
  | 'response'
  | 'recovery'
  | 'whys'
  | 'rootCause'
  | 'factors'
  | 'well'
  | 'wrong'
  | 'lessons'
  | 'actions';

/** Heading spellings for each section, with the emoji some teams put in front. */
const HEADINGS: Readonly<Record<SectionName, readonly (readonly [string, string])[]>> = {
  summary: [
    ['Summary', '📝'],
    ['Summary', '📝'],
    ['Executive summary', '📝'],
    ['Overview', '🧾'],
    ['TL;DR', '📝'],
  ],
  leadup: [
    ['Background', '🧭'],
    ['Lead-up', '🧭'],
    ['Context', '🧭'],
  ],
  prevention: [
    ['Prevention', '🛡️'],
    ['Longer-term improvements', '🛡️'],
  ],
  supporting: [
    ['Supporting information', '📎'],
    ['Links', '🔗'],
  ],
  timeline: [
    ['Timeline', '⏱️'],
    ['Timeline', '⏱️'],
    ['Timeline of events', '🕒'],
    ['Incident timeline', '⏱️'],
  ],
  impact: [
    ['Impact', '💥'],
    ['Impact', '💥'],
    ['Customer impact', '💥'],
    ['User impact', '👥'],
  ],
  detection: [
    ['Detection', '🚨'],
    ['How was it detected', '🚨'],
  ],
  response: [
    ['Response', '🧑‍🚒'],
    ['Incident response', '🧑‍🚒'],
  ],
  recovery: [
    ['Recovery', '🩹'],
    ['Resolution', '🩹'],
    ['Mitigation', '🩹'],
  ],
  whys: [
    ['Five whys', '❓'],
    ['5 Whys', '❓'],
    ['The five whys', '❓'],
  ],
  rootCause: [
    ['Root cause', '🔍'],
    ['Root cause', '🔍'],
    ['Root causes', '🔍'],
    ['Root cause analysis', '🔍'],
  ],
  factors: [
    ['Contributing factors', '🧩'],
    ['Contributing causes', '🧩'],
  ],
  well: [
    ['What went well', '🧯'],
    ['What went well', '✅'],
    ['Things that went well', '👍'],
    ['What went right', '🧯'],
  ],
  wrong: [
    ['What went wrong', '🤕'],
    ["What didn't go well", '🤕'],
    ['Things that went poorly', '👎'],
  ],
  lessons: [
    ['Lessons learned', '📚'],
    ['Lessons learnt', '📚'],
    ['Key takeaways', '💡'],
  ],
  actions: [
    ['Action items', '✅'],
    ['Action items', '✅'],
    ['Follow-up tasks', '📋'],
    ['Next steps', '➡️'],
    ['Corrective actions', '🛠️'],
  ],
};

function yamlString(s: string): string {
  return /[:#'"`[\]{}]|^[-?!&*|>%@]/.test(s) ? `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"` : s;
}

function writeTimeline(
  out: string[],
  rng: Rng,
  style: TimelineStyle,
  zone: string,
  events: readonly Event[],
  dayMs: number,
): void {
  const dayDate = (at: number) => isoDate(dayMs + Math.floor(at / 1440) * DAY_MS);
  const dayMsOf = (at: number) => dayMs + Math.floor(at / 1440) * DAY_MS;
  const multiDay = events.some((e) => e.at >= 1440);
  const zoneLine = rng.pick([`All times ${zone}.`, `All times are ${zone}.`, `Times in ${zone}.`]);
  if (style !== 'table') out.push(zoneLine, '');
  switch (style) {
    case 'nested': {
      let current = '';
      for (const e of events) {
        const d = dayDate(e.at);
        if (d !== current) out.push(`- ${d}`);
        current = d;
        out.push(`  - ${hhmm(e.at)} ${e.text}`);
      }
      break;
    }
    case 'flat': {
      const bold = rng.chance(0.3);
      for (const e of events) {
        const stamp = multiDay ? `${dayDate(e.at)} ${hhmm(e.at)}` : hhmm(e.at);
        out.push(bold ? `- **${stamp}** ${e.text}` : `- ${stamp} ${e.text}`);
      }
      break;
    }
    case 'overnight': {
      for (const e of events) out.push(`- ${hhmm(e.at)} ${e.text}`);
      break;
    }
    case 'table': {
      out.push(`| Time (${zone}) | Event |`, '|------------|-------|');
      for (const e of events) {
        const stamp = multiDay ? `${dayDate(e.at)} ${hhmm(e.at)}` : hhmm(e.at);
        out.push(`| ${stamp} | ${e.text.replace(/\|/g, '\\|')} |`);
      }
      break;
    }
    case 'twelve-hour': {
      const clock = rng.int(0, 2);
      if (!multiDay) {
        for (const e of events) out.push(`- ${twelveHour(e.at, clock)}: ${e.text}`);
        break;
      }
      const headings = rng.chance(0.5);
      let current = -1;
      for (const e of events) {
        const day = Math.floor(e.at / 1440);
        if (day !== current) {
          if (headings) {
            if (current !== -1) out.push('');
            out.push(`### ${longDate(dayMsOf(e.at))}`, '');
          } else out.push(`- ${shortMonthDay(dayMsOf(e.at))}`);
        }
        current = day;
        out.push(
          headings ? `- ${twelveHour(e.at, clock)}: ${e.text}` : `  - ${twelveHour(e.at, clock)} ${e.text}`,
        );
      }
      break;
    }
    case 'headings': {
      let current = '';
      for (const e of events) {
        const d = dayDate(e.at);
        if (d !== current) {
          if (current !== '') out.push('');
          out.push(`### ${d}`, '');
        }
        current = d;
        out.push(`- ${hhmm(e.at)} ${e.text}`);
      }
      break;
    }
  }
  out.push('');
}

// ---------------------------------------------------------------------------------------------------------
// A folder of reviews

function readManifest(dir: string): Manifest | null {
  try {
    return JSON.parse(readFileSync(join(dir, MANIFEST_NAME), 'utf8')) as Manifest;
  } catch {
    return null;
  }
}

function reviewFiles(dir: string): string[] {
  try {
    return readdirSync(dir).filter((name) => name.endsWith('.md'));
  } catch {
    return [];
  }
}

/**
 * Writes `count` reviews generated from `seed` into `outDir`, named `YYYY-MM-DD-slug.md`. Does nothing when the
 * folder already holds exactly that many files from the same seed and generator version.
 */
export function generateReviews(count: number, seed: number, outDir: string): GenerateResult {
  const started = performance.now();
  const existing = readManifest(outDir);
  const files = reviewFiles(outDir);
  if (
    existing &&
    existing.version === GENERATOR_VERSION &&
    existing.seed === seed &&
    existing.count === count &&
    files.length === count
  )
    return {
      dir: outDir,
      generated: false,
      ms: performance.now() - started,
      manifest: existing,
    };

  mkdirSync(outDir, { recursive: true });
  // Only our own output goes: the review files and the manifest.
  for (const name of files) rmSync(join(outDir, name));
  rmSync(join(outDir, MANIFEST_NAME), { force: true });

  const used = new Set<string>();
  const reviews: Expected[] = [];
  for (let i = 0; i < count; i++) {
    const built = buildReview(seed, i);
    let name = `${built.date}-${built.slug}.md`;
    for (let n = 2; used.has(name); n++) name = `${built.date}-${built.slug}-${n}.md`;
    used.add(name);
    writeFileSync(join(outDir, name), built.text);
    reviews.push({ file: name, ...built.expected });
  }
  const manifest: Manifest = {
    version: GENERATOR_VERSION,
    seed,
    count,
    reviews,
  };
  writeFileSync(join(outDir, MANIFEST_NAME), `${JSON.stringify(manifest)}\n`);
  return {
    dir: outDir,
    generated: true,
    ms: performance.now() - started,
    manifest,
  };
}

// `node --import tsx bench/generate.ts <count> [seed] [outDir]` generates one folder by hand.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const count = Number(process.argv[2] ?? 1000);
  const seed = Number(process.argv[3] ?? 20261121);
  const dir = process.argv[4] ?? `bench/out/reviews-${count}`;
  const result = generateReviews(count, seed, dir);
  console.log(
    `${result.generated ? 'Generated' : 'Kept'} ${count} reviews in ${dir} (${Math.round(result.ms)} ms)`,
  );
}
