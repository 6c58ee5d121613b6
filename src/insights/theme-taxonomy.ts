import type { SectionKind } from '../model/section-kind.js';

/**
 * The cause themes a review can be tagged with (brief §3.4): data, not code. Each theme lists the phrases that
 * say the incident's *cause* involves it. How they are applied is `themes.ts`; how to add, rename or switch off
 * themes is `docs/themes.md` (config key `themes`).
 *
 * Pattern syntax, shared with the config:
 * - a phrase: `connection storm`, matched case-insensitively on word boundaries; spaces match any run of
 *   white space or a hyphen; `*` matches the rest of a word (`expir*` → expired, expires, expiry);
 * - `/…/`: a JavaScript regular expression, case-insensitive, without the `u` flag (so no `\p{…}`).
 *
 * `patterns` name the cause by themselves ("no space left on device", "OOM-killed"). `ambiguous` words are
 * common in reviews that are not about them ("DNS", "database", "load balancer"): they count in the root cause,
 * contributing factors and whys, and elsewhere only in a sentence that states a cause ("… caused …", "due to").
 */
export interface ThemeDefinition {
  readonly id: string;
  readonly label: string;
  readonly description: string;
  readonly patterns: readonly string[];
  readonly ambiguous?: readonly string[];
  /** A sentence that also matches one of these does not count for the theme ("no space left" from inotify). */
  readonly exclude?: readonly string[];
  /** Sections searched besides the cause sections (e.g. the timeline for a provider's incident). */
  readonly alsoIn?: readonly SectionKind[];
}

/** Sections that say why an incident happened. The title is read with them, as a summary sentence. */
export const CAUSE_SECTIONS: readonly SectionKind[] = [
  'summary',
  'leadup',
  'root-cause',
  'contributing-factors',
  'whys',
];

/** Where an ambiguous word needs no causal wording: these sections are about causes and nothing else. */
export const STRONG_CAUSE_SECTIONS: readonly SectionKind[] = ['root-cause', 'contributing-factors', 'whys'];

/** Minutes from the start of impact to detection from which a review is a detection gap whatever it says. */
export const DETECTION_GAP_MINUTES = 60;

/** A version number as upgrades state it: v1.20, 1.13.4, version 15 (not "765 kV"). */
const VERSION = '(?:v\\d+(?:\\.\\d+)*|version \\d+(?:\\.\\d+)*|\\d+\\.\\d+(?:\\.\\d+)*)';

/** What an operator does by hand; "accidentally" counts for manual-operation only with one of these. */
const OPERATION =
  '(?:ran|run|running|executed|execution|deleted|deleting|deletion|removed|dropped|overw\\w+|reverted|triggered|silenced|disabled|restarted|applied|modified|changed|terminated|shut down|wiped|truncated|promoted|scaled)';

/** Any character of a sentence but a negation: "disk … full" must not match "the disk was not full". */
const GAP = "(?:(?!\\b(?:not|never|no)\\b|n't\\b)[^.;])";

const DEFAULT_THEMES: readonly ThemeDefinition[] = [
  {
    id: 'disk-full',
    label: 'Disk full',
    description: 'Disk, volume, inode or log-space exhaustion.',
    patterns: [
      'no space left',
      '/\\bno (?:available |free )?(?:disk|storage) space (?:was |is )?left\\b/',
      '/\\b(?:low|insufficient|not enough) (?:free |available )?(?:disk|storage) space\\b/',
      'out of disk*',
      'out of inodes',
      '/\\b(?:ran|run|running|runs) out of (?:disk|storage|space|inodes|log space)/',
      `/\\b(?:disks?|volumes?|partitions?|file ?systems?|filesystems?|root volumes?|data volumes?)\\b${GAP}{0,40}\\b(?:was |were |is |are |got |became |had )?(?:full|filled(?: up)?)\\b/`,
      '/\\bfill(?:ed|ing|s)?(?: up)? (?:the |its |their |all )?(?:disks?|volumes?|partitions?|file ?systems?)\\b/',
      'disk pressure',
      'DiskPressure',
      '/\\binodes? (?:exhaust\\w*|ran out|were used up)/',
      '/\\bdisk (?:space|usage) (?:reached|hit|at) (?:100|9\\d) ?%/',
      '/\\blogs? (?:filled|grew until|fill) /',
      'disk full',
      'full disk*',
      '/\\bfull (?:root |data |log |boot |system )?(?:disks?|volumes?|partitions?|file ?systems?|filesystems?)\\b/',
    ],
    exclude: ['inotify', 'file watch*', '/\\bwatches\\b/'],
  },
  {
    id: 'memory-exhaustion',
    label: 'Memory exhaustion',
    description: 'OOM kills, memory pressure, leaks.',
    patterns: [
      'out of memory',
      '/\\bOOM(?:[- ]?kill\\w*|ed)?\\b/',
      'memory leak*',
      'memory pressure',
      'memory exhaust*',
      '/\\bexhaust\\w* (?:of )?(?:the |its )?(?:memory|RAM)\\b/',
      '/\\b(?:RAM|memory) (?:and|&|\\/) ?(?:CPU) (?:pressure|exhaustion|starvation)/',
      '/\\b(?:CPU) ?(?:and|&|\\/) ?(?:RAM|memory) (?:pressure|exhaustion|starvation)/',
      '/\\b(?:hit|hitting|exceeded|exceeding|reached) (?:its |their |the )?(?:\\d+\\s?[GM]i?B? )?memory limits?/',
      '/\\bheap (?:exhaust\\w*|space|grew|growth)/',
      '/\\bmemory (?:usage|use|consumption) (?:grew|climbed|spiked|kept growing|exploded)/',
      '/\\b(?:memory|RAM) overload/',
      '/\\boverload(?:ed|ing)? (?:the )?(?:CPU (?:and|&) )?(?:RAM|memory)\\b/',
    ],
    ambiguous: ['swapping', 'memory usage'],
  },
  {
    id: 'cpu-exhaustion',
    label: 'CPU exhaustion',
    description: 'CPU starvation, throttling, runaway queries.',
    patterns: [
      '/\\bCPU (?:starvation|exhaustion|saturation|throttling|pressure|contention|spike|was pegged|pegged|maxed)/',
      '/\\b(?:CPU|RAM|memory) ?(?:and|&|\\/) ?(?:CPU|RAM|memory) (?:pressure|exhaustion|starvation)/',
      '/\\b(?:100 ?%|high|maxed(?: out)?|saturated) CPU\\b/',
      '/\\bCPU (?:usage|use|load|utili[sz]ation) (?:spiked|hit|reached|climbed|went) /',
      'CPU throttl*',
      '/\\brunaway (?:query|queries|process\\w*|job|jobs|loop|script)/',
      'infinite loop',
      '/\\boverload(?:ed|ing)? (?:the )?CPU\\b/',
      '/\\b(?:used|took|consumed|ate|hogged|pinned|saturated) (?:up )?(?:all|every|100 ?%)(?: of)? (?:the |its |their )?(?:available )?(?:CPU|cores?|CPUs)\\b/',
      'busy loop',
      '/\\bthrottled (?:by|due to|because of) (?:the )?CPU/',
    ],
    ambiguous: ['CPU-bound', 'load average'],
  },
  {
    id: 'capacity',
    label: 'Capacity limits',
    description: 'Connection limits, quotas, rate limits, IP/port exhaustion, scaling limits.',
    patterns: [
      'max_connections',
      'too many clients',
      '/\\btoo many (?:connections|open files|requests)/',
      '/\\bconnection (?:limit|cap)s?\\b/',
      '/\\b(?:maximum|max) (?:number of )?(?:connections|clients)\\b/',
      '/\\b(?:hit|hitting|reached|saturat\\w*|exhausted|exceeded|used up) (?:all |its |their |the )?(?:\\d+ )?(?:max(?:imum)? )?(?:connections?|clients|connection limit|connection pool)\\b/',
      '/\\b(?:connection |worker |thread )?pool (?:was |were |got )?(?:exhausted|exhaustion|saturated)/',
      '/\\brate[- ]limit(?:s|ed|ing)?\\b/',
      '/\\bquotas? (?:was |were )?(?:exceeded|reached|hit|exhausted)/',
      '/\\b(?:exceeded|hit|reached) (?:the |a |our |its )?(?:\\w+ )?quota/',
      '/\\b(?:IP|IPs|IP address|address|port|ephemeral port|subnet)s? (?:exhaustion|starvation|ran out)/',
      '/\\bran out of (?:IP|IPs|IP addresses|addresses|ports|ephemeral ports|file descriptors|connections|workers|threads|capacity)\\b/',
      '/\\b(?:file descriptors?|inotify|file watch(?:es)?) (?:\\w+ )?(?:exhaust\\w*|limit)/',
      "/\\b(?:could not|couldn't|unable to|failed to) scale\\b/",
      '/\\bscaling (?:limit|ceiling)s?/',
      '/\\b(?:not enough|insufficient|lack of|ran out of) (?:capacity|nodes|headroom)/',
      '/\\bcapacity (?:limit|shortage|exhaust\\w*)/',
    ],
    ambiguous: ['capacity', 'quota', 'quotas', 'connection budget'],
  },
  {
    id: 'config-change',
    label: 'Configuration change',
    description: 'A configuration, infrastructure-as-code or feature-flag change.',
    patterns: [
      '/\\b(?:config|configuration|settings?|values|helm values|terraform|IaC|infrastructure[- ]as[- ]code|manifest|policy|feature[- ]flag|flag|DNS|DNS records?|firewall|routing) (?:change|changes|update|refactor\\w*|edit|rollout|apply|flip)\\b/',
      '/\\b(?:changed|changing|updated|edited|modified|lowered|raised|increased|decreased|flipped|toggled|enabled|disabled) (?:the |a |an |our |its )?(?:\\S+ ){0,3}?(?:config|configuration|settings?|values|feature flag|flag|parameter|CNAME|record)\\b/',
      '/\\bchanges? to (?:the |a |our )?(?:\\S+ ){0,3}?(?:config\\w*|settings?|values|VPC CNI|CNI|terraform|infrastructure|IaC|manifests?|policy|policies|flags?|(?:firewall |routing |security group )?rules?)\\b/',
      '/\\bfeature[- ]flag\\b[^.;]{0,40}\\b(?:raised|turned on|enabled|flipped|rolled out|changed|set) /',
      '/\\b(?:raised|set|turned on|enabled|flipped|rolled out) (?:the |a )?feature[- ]flag/',
      '/\\bflag\\b[^;]{0,50}?\\b(?:was |went )?(?:raised|flipped|turned on|enabled|switched on|rolled out|went from) /',
      '/\\bwas switched to\\b/',
      '/\\b(?:refactor\\w*|cleanup|clean-up) (?:of |in )?(?:the |our )?(?:\\S+ ){0,3}?(?:terraform|helm|chart|config\\w*|infrastructure|IaC|manifests?|values)/',
      '/\\bmisconfigur\\w* (?:was |were )?(?:introduced|pushed|applied|merged|deployed)/',
      '/\\b(?:merged|applied|pushed) (?:a |the )?(?:config|configuration|terraform|values|manifest)/',
    ],
    ambiguous: ['feature flag'],
  },
  {
    id: 'deploy',
    label: 'Deploy',
    description: 'A release or deployment of application code.',
    patterns: [
      '/\\b(?:release|version|build) v?\\d+\\.\\d+(?:\\.\\d+)?\\b[^;]{0,60}?\\b(?:changed|introduced|contained|shipped|broke|removed|caused)\\b/',
      '/\\b(?:deploy|deployment|release|rollout|roll-out|new version|code change)s? (?:of [\\w.-]+ )?(?:that |which )?(?:introduced|contained|shipped|caused|broke|triggered|doubled|removed)\\b/',
      '/\\bv?\\d+\\.\\d+(?:\\.\\d+)? (?:release|build|version)\\b[^;]{0,60}?\\b(?:changed|introduced|contained|shipped|broke|removed|caused)\\b/',
      '/\\b(?:after|during|following|since) (?:a |the |our |this |its |that )?(?:routine |new |latest |recent |morning |weekly |last )?(?:\\S+ )?(?:deploy|deployment|release|rollout|roll-out)\\b/',
      '/\\b(?:bad|faulty|buggy|broken|botched|failed) (?:deploy|deployment|release|rollout|build)\\b/',
      '/\\b(?:a |the )?(?:bug|regression|defect) (?:was )?(?:introduced|shipped) (?:in|by|with) (?:the |a )?(?:release|deploy|version|v?\\d)/',
      '/\\bregression in (?:the )?(?:release|version|v?\\d)/',
      '/\\b(?:deploy|deployment|rollout|release) (?:of|started|starts|added|created|scaled)\\b[^.;]{0,60}\\b(?:pods|replicas|instances|version|v?\\d+\\.\\d+)/',
      '/\\brolled back (?:the |to )(?:release|deploy|deployment|previous|v?\\d)/',
    ],
    // An upgrade of someone else's software is dependency-upgrade, even when it is rolled out like a release.
    exclude: ['upgrad*', 'version bump*'],
  },
  {
    id: 'dependency-upgrade',
    label: 'Dependency upgrade',
    description: 'An upgrade of a dependency, OS, runtime, chart, operator or cluster version.',
    patterns: [
      '/\\b(?:dependency|library|package|chart|helm chart|operator|cluster|kubernetes|k8s|kernel|OS|runtime|provider|AMI|image|node|version|minor|major|patch) (?:version )?(?:upgrade|update|bump)s?\\b/',
      '/\\bversion bump\\w*/',
      `/\\b(?:upgrad|updat|bump)(?:e|ed|es|ing) (?:the |our |a |an |its )?(?:\\S+ ){0,4}?(?:from ${VERSION} )?to ${VERSION}/`,
      `/\\b(?:upgrad|bump)(?:e|ed|es|ing) (?:the |our |a |an |its )?(?:\\S+ ){0,4}?from ${VERSION}/`,
      `/\\bupgrade (?:to|of) (?:the )?(?:\\S+ ){0,3}?(?:from )?${VERSION}/`,
      '/\\bnew (?:version|release) of (?:the |our )?(?:\\S+ ){0,2}?(?:library|dependency|package|chart|operator|provider|runtime|image|controller|plugin)/',
    ],
    ambiguous: ['upgrade', 'upgraded', 'upgrading', 'version bump'],
  },
  {
    id: 'certificate-expiry',
    label: 'Certificate expiry',
    description: 'An expired certificate, key or credential.',
    patterns: [
      `/\\b(?:certificates?|certs?|TLS certificates?|SSL certificates?|x509 certificates?|keys?|tokens?|credentials?|passwords?|secrets?|licen[cs]es?)\\b${GAP}{0,60}?\\b(?:had |has |have |was |were )?expired\\b/`,
      '/\\bexpired (?:TLS |SSL |x509 |root |intermediate |signing |API |access |service[- ]account )?(?:certificates?|certs?|keys?|tokens?|credentials?|passwords?|secrets?|licen[cs]es?)\\b/',
      '/\\b(?:certificate|cert|token|key|credential|password|licen[cs]e) expir(?:y|ation|ed)\\b/',
      '/\\bexpiry (?:of|date of) (?:the |a |our )?(?:\\S+ )?(?:certificate|cert|token|key|credential|password|licen[cs]e)/',
      '/\\breached its expiry/',
      "/\\b(?:failed to|did not|didn't|never|could not|couldn't) (?:be )?(?:auto-?)?renew(?:ed)? (?:the |its |our |a )?(?:TLS |SSL )?(?:certificates?|certs?|tokens?|keys?|credentials?|licen[cs]es?)\\b/",
      '/\\bcert(?:ificate)?s?(?: chain)? expir(?:y|ation|ed)\\b/',
      '/\\brenewal (?:failed|did not run|never ran|reminders? went)/',
    ],
  },
  {
    id: 'dns',
    label: 'DNS',
    description: 'Name resolution.',
    patterns: [
      '/\\bDNS (?:record|records|change|changes|resolution failures?|lookups? fail\\w*|propagation|TTL|zone|misconfiguration|outage|provider outage|server failures?)\\b/',
      '/\\b(?:changed|updated|deleted|removed|pointed|created) (?:the |a |our )?(?:`?[\\w.*-]+`? )?(?:CNAME|A record|AAAA record|DNS record|NS record|MX record)/',
      'name resolution',
      'NXDOMAIN',
      'SERVFAIL',
      "/\\b(?:could not|couldn't|failed to|unable to|did not|didn't|cannot|can't) resolve (?:the |its |our )?(?:host ?names?|names?|domains?|address(?:es)?|DNS|[a-z0-9-]+(?:\\.[a-z0-9-]+)*\\.[a-z]{2,})\\b/",
    ],
    // "DNS-01 challenge", "DNS provider API token": DNS as the way a certificate is validated is not resolution.
    ambiguous: [
      '/\\bDNS\\b(?![- ]?01\\b| challenge| provider| API| token| validation)/',
      'CNAME',
      'resolver',
      'resolvers',
      'TTL',
    ],
  },
  {
    id: 'network',
    label: 'Network',
    description: 'Connectivity, load balancers, ingress, CNI, routing.',
    patterns: [
      '/\\btarget ?groups?\\b[^.;]{0,40}\\b(?:detached|detatched|deregistered|de-registered|unregistered|removed)\\b/',
      '/\\b(?:targets?) (?:being |were |was |became |to become )?(?:detached|detatched|deregistered|de-registered)/',
      '/\\bnetwork(?:ing)? (?:partition|outage|failure|faults?|misconfiguration|split)s?\\b/',
      'packet loss',
      '/\\b(?:lost|loss of|lose|losing) (?:network )?connectivity\\b/',
      '/\\bconnectivity (?:loss|issues?|problems?|failures?|was lost)/',
      '/\\b(?:load[- ]balancer|LB|ALB|ELB|NLB|NodeBalancer|ingress|ingress controller|CNI|VPC CNI|firewall|security group|route table|routing) (?:misconfigur\\w*|failure|failed|broke|bug|outage|faults?|rule change|change|rejected)\\b/',
      "/\\b(?:traffic|requests) (?:could not|couldn't|did not|didn't|was not|were not) (?:reach|enter|get to|be routed)/",
      '/\\b(?:BGP|MTU|peering) (?:issue|problem|mismatch|change|session|misconfiguration)/',
      '/\\bingress (?:traffic )?(?:was )?(?:degraded|broken|rejected)/',
      "/\\b(?:load[- ]balancer|LB|ALB|ELB|NLB|ingress|firewall|proxy|gateway)(?:'s)? (?:\\S+ ){0,2}?(?:timeouts?|settings?|config\\w*|rules?|listeners?|health ?checks?|limits?)\\b[^.;]{0,30}\\b(?:was |were )?(?:changed|lowered|raised|reduced|increased|modified|updated|moved)\\b/",
      "/\\b(?:changed|lowered|raised|reduced|increased|modified|updated|moved) (?:the |our |a )?(?:\\S+ )?(?:load[- ]balancer|LB|ALB|ELB|NLB|ingress|firewall|proxy|gateway)(?:'s)? (?:\\S+ ){0,2}?(?:timeouts?|settings?|config\\w*|rules?|listeners?|health ?checks?|limits?)\\b/",
    ],
    ambiguous: [
      'load balancer',
      'load balancers',
      'load balancing',
      'ALB',
      'ELB',
      'NLB',
      'NodeBalancer',
      'target group*',
      'ingress',
      // Spoken of with an article ("the CNI dropped packets"); a bare "CNI" is as often a company's initials.
      '/\\b(?:the|a|our|its|VPC) CNI\\b/',
      '/\\bCNI (?:plugin|pods?|daemon ?set|config\\w*|version|upgrade|IPs?|errors?|failures?|bug)\\b/',
      '/\\bnetwork(?:ing)? (?:issues?|problems?|errors?)/',
      'connectivity',
      'firewall',
      'security group',
      'routing',
      'keep-alive',
      'ECONNRESET',
      'Traefik',
    ],
  },
  {
    id: 'storage',
    label: 'Storage',
    description: 'Volumes that fail to attach or mount, replica divergence, corruption (not fullness).',
    patterns: [
      "/\\bvolumes?\\b[^.;]{0,60}\\b(?:could not|couldn't|can't|cannot|unable to|failed to|would not|will not|won't|not able to|did not|didn't)\\b[^.;]{0,12}\\b(?:be )?(?:mount|attach|detach|unmount)\\w*/",
      "/\\b(?:unable to|failed to|could not|couldn't) (?:attach|mount|detach)\\b[^.;]{0,30}\\bvolumes?/",
      '/\\b(?:Failed(?:Attach|Mount)|Multi-Attach error)/',
      '/\\bmount(?:ing)? (?:was )?(?:difficult|failures?|errors?|failed)/',
      '/\\b(?:data|disk|file ?system|filesystem|index|block|page|table|volume) corruption\\b/',
      '/\\bcorrupt(?:ed)? (?:data|index|indexes|files?|blocks?|pages?|tables?|volumes?|disks?|replicas?|WAL)/',
      '/\\breplicas? (?:diverg\\w*|drift\\w*|out of sync)/',
      'split brain',
      '/\\bread-only file ?system\\b/',
      '/\\b(?:disk|drive|volume|SSD|EBS) (?:failure|failed|died|detached)/',
      '/\\bvolumes? (?:in|into) (?:a )?limbo/',
    ],
    ambiguous: ['persistent volume', 'PVC', 'block storage'],
  },
  {
    id: 'database',
    label: 'Database',
    description: 'Database engine trouble: locks, vacuum, replication, failover, connection storms.',
    patterns: [
      // A deadlock of the database's own (tables, rows, transactions), not a scheduling or quorum one.
      '/\\b(?:table|row|transaction|database|DB|SQL|Postgres\\w*|MySQL|lock) deadlocks?\\b/',
      '/\\bdeadlock(?:s|ed|ing)?\\b[^.;]{0,40}\\b(?:tables?|rows?|transactions?|quer(?:y|ies)|database|DB|Postgres\\w*|MySQL)\\b/',
      'lock contention',
      '/\\b(?:table|row|advisory|exclusive) locks?\\b/',
      '/\\blocked (?:the |a )?table/',
      '/\\breplication (?:lag|broke|broken|failure|failed|stopped|delay)/',
      '/\\breplica lag\\b/',
      '/\\b(?:Sentinel|database|DB|Postgres|PostgreSQL|MySQL|Redis|RDS|Aurora|Mongo(?:DB)?|primary) fail ?over\\b/',
      '/\\bfail ?over (?:of|to) (?:the )?(?:database|DB|primary|replica|Postgres|MySQL|Redis)/',
      '/\\b(?:auto)?vacuum\\b/',
      '/\\bconnection (?:storm|surge|spike|flood)s?\\b/',
      'too many clients',
      'max_connections',
      '/\\b(?:database|DB|Postgres\\w*|MySQL|Redis|Mongo\\w*|RDS|Aurora)\\b[^.;]{0,30}\\b(?:overloaded|saturated|crashed|locked up|stopped accepting|was not accepting|rejected clients|rejecting clients|ran out of connections|hit \\d+ clients)/',
      '/\\bslow quer(?:y|ies)\\b/',
      '/\\bmissing index\\b/',
      '/\\bquery plan\\b/',
      '/\\bdemoted\\b[^.;]{0,40}\\breplica\\b/',
      '/\\bpromot(?:ed|ing|ion of) (?:the )?(?:\\S+ ){0,3}?(?:replica|standby|secondary)\\b/',
      // Redis's error, not a `readOnly: true` setting of a volume or a mount.
      '/\\bREADONLY\\b(?!\\s*[:=])/',
    ],
    ambiguous: [
      'database',
      'databases',
      'DB',
      'Postgres',
      'PostgreSQL',
      'MySQL',
      'Redis',
      'MongoDB',
      'RDS',
      'Aurora',
      'pg_stat_activity',
    ],
  },
  {
    id: 'third-party',
    label: 'Third party',
    description: 'An outage or change at a provider or upstream service.',
    patterns: [
      '/\\b(?:outage|incident|degradation|issue|problem|fault|failure|bug|change|maintenance) (?:at|with|on the side of|from|in) (?:our |the |a )?(?:(?:cloud|hosting|DNS|CDN|payment|email|SMTP|card)\\s)?(?:provider|vendor|processor|upstream|third[- ]party|supplier)/',
      "/\\b(?:provider|vendor|processor|supplier|third[- ]party|upstream service)(?:'s)? (?:had |has |reported |experienced )?(?:an? )?(?:partial )?(?:outage|incident|degradation|issue|problem|fault|failure|bug)/",
      '/\\b(?:upstream (?:fault|issue|problem|outage|at)|fault upstream|errors? upstream|issues? upstream|problems? upstream|resolved itself upstream)/',
      "/\\b(?:AWS|GCP|Google Cloud|Azure|Cloudflare|Linode|Stripe|GitHub|Fastly|Akamai|Twilio|SendGrid|Heroku|DigitalOcean|Hetzner|OVH|Slack|Okta|Auth0|PagerDuty|Datadog|npm|Docker Hub|Let's Encrypt)\\b[^.;]{0,30}\\b(?:had|reported|experienced|confirmed|suffered|declared)\\b[^.;]{0,20}\\b(?:outage|incident|issue|degradation|problem|disruption)/",
      "/\\b(?:their|the provider's|the vendor's) status page\\b/",
      '/\\bpartial outage of (?:its|their)\\b/',
      '/\\b(?:outage|incident) at a third[- ]party\\b/',
    ],
    ambiguous: ['third-party', 'third party', 'upstream provider'],
    alsoIn: ['timeline'],
  },
  {
    id: 'security',
    label: 'Security',
    description: 'A compromise, vulnerability, abuse or leaked secret.',
    patterns: [
      'compromis*',
      'vulnerabilit*',
      '/\\bexploit(?:ed|s|ing)?\\b/',
      '/\\b(?:leaked|exposed|stolen|committed) (?:an? |the |our )?(?:\\S+ )?(?:secrets?|keys?|tokens?|credentials?|passwords?)\\b/',
      '/\\b(?:secrets?|keys?|tokens?|credentials?|passwords?) (?:was |were |had been )?(?:leaked|exposed|stolen)\\b/',
      '/\\b(?:DDoS|DoS attack|denial[- ]of[- ]service)/',
      'brute force',
      'credential stuffing',
      '/\\b(?:malicious|attacker|attackers|malware|ransomware|phishing|backdoor|crypto ?min(?:ing|er))\\b/',
      '/\\bunauthori[sz]ed (?:access|transactions?|withdrawals?|minting)/',
      '/\\b(?:exposed|reachable|accessible|open) (?:\\S+ ){0,3}?(?:to|from) the (?:public )?internet\\b/',
      '/\\b(?:exposed|reachable|accessible) without (?:a login|login|authentication|auth)\\b/',
      '/\\b(?:security|data) (?:incident|breach|issue|bug|hole|flaw)/',
      '/\\bCVE-\\d{4}-\\d+/',
      '/\\bsupply[- ]chain attack/',
      '/\\b(?:spam|bot) (?:attack|wave|abuse)/',
    ],
    ambiguous: ['abuse', 'abused', 'attack', 'hack', 'hacked'],
    exclude: ['/\\bDDoS(?:ed|ing)? ourselves\\b/', 'self-inflicted'],
  },
  {
    id: 'manual-operation',
    label: 'Manual operation',
    description: 'A manual step or operator action during maintenance or recovery.',
    patterns: [
      '/\\bmanually (?:ran|run|running|deleted|removed|dropped|edited|changed|applied|restarted|executed|modified|updated|triggered|scaled|moved|renewed|installed|bought|created)/',
      '/\\b(?:renewed|bought|installed|edited|applied|deleted|run|ran|done|performed|changed|created) by hand\\b/',
      '/\\b(?:operator|human|manual) (?:error|mistake|slip|step|action|intervention|change|process|operation|deletion|failover)/',
      `/\\baccidental(?:ly)? (?:\\S+ ){0,2}?${OPERATION}/`,
      `/\\b${OPERATION}\\b(?: \\S+){0,4}? (?:by (?:accident|mistake)|accidentally)/`,
      '/\\bfat[- ]?finger\\w*/',
      '/\\btypo (?:in|on) (?:a |the )?(?:command|script|query|config)/',
      '/\\b(?:ran|run|executed) (?:a |the )?(?:wrong |manual |one-off |ad[- ]hoc )?(?:command|script|query|migration|playbook) (?:against|on|in) (?:the )?(?:prod|production|live)/',
      '/\\bduring (?:a |the )?(?:planned |scheduled |routine )?maintenance\\b/',
      '/\\bmaintenance (?:window|task|work)\\b/',
      '/\\bwas manual\\b/',
      '/\\bforcefully (?:restarted|deleted|recycled|removed)/',
    ],
  },
  {
    id: 'detection-gap',
    label: 'Detection gap',
    description: 'The failure went unnoticed for long (no or broken monitoring/alerting).',
    patterns: [
      'went unnoticed',
      '/\\bunnoticed (?:for|until|over)\\b/',
      '/\\b(?:nobody|no one|no-one) (?:noticed|was alerted|was paged|knew)\\b/',
      '/\\bnot (?:noticed|detected|discovered|spotted) (?:for|until)\\b/',
      '/\\b(?:no|without|missing|lack of|absence of|not covered by any|no working) (?:\\w+ )?(?:monitoring|alerting|alerts?|alarms?|health ?checks?)\\b/',
      '/\\bnot monitored\\b/',
      "/\\b(?:alerts?|alarms?|monitors?|monitoring|health ?checks?|probes?|uptime checks?)\\b[^.;]{0,40}\\b(?:did not|didn't|failed to|never|could not|couldn't|could no longer) (?:fire|trigger|page|alert|notify|fail|catch|detect)/",
      '/\\b(?:monitoring|alerting|alerts?|health ?checks?)\\b[^.;]{0,30}\\b(?:was |were |had been )?(?:broken|disabled|silenced|muted|misconfigured)/',
      '/\\b(?:error-rate )?alerts? stayed quiet\\b/',
      '/\\bsilent(?:ly)? fail\\w*/',
      '/\\bsilent failure\\b/',
      '/\\bdetecting it took\\b/',
      '/\\btook (?:\\w+ )?(?:hours|days) to (?:notice|detect|discover)/',
    ],
    alsoIn: ['detection', 'impact', 'timeline', 'went-wrong'],
  },
];

/** The default taxonomy, in the order of brief §3.4. */
export const DEFAULT_TAXONOMY: readonly ThemeDefinition[] = DEFAULT_THEMES;

export const DEFAULT_THEME_IDS: readonly string[] = DEFAULT_THEMES.map((t) => t.id);

/** A theme id: lower-case words joined by hyphens, like rule ids. */
export const THEME_ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * A pattern (phrase or `/regex/`) as the source of a case-insensitive regular expression; throws a readable
 * error when a `/regex/` does not compile.
 */
export function patternSource(pattern: string): string {
  const regex = /^\/(.+)\/$/s.exec(pattern);
  if (regex) {
    const source = regex[1] as string;
    new RegExp(source, 'i'); // throws SyntaxError on a broken expression
    return source;
  }
  const words = pattern
    .trim()
    .split(/[\s-]+/)
    .filter((w) => w !== '')
    .map((word) => {
      const star = word.endsWith('*');
      const escaped = (star ? word.slice(0, -1) : word).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
      return star ? `${escaped}[\\w-]*` : escaped;
    });
  if (words.length === 0) throw new SyntaxError('empty pattern');
  const first = /^\w/.test(pattern.trim()) ? '\\b' : '';
  const last = /[\w*]$/.test(pattern.trim()) ? '\\b' : '';
  return `${first}${words.join('[\\s-]+')}${last}`;
}

/** Why a pattern cannot be used, or null when it can. */
export function patternProblem(pattern: string): string | null {
  try {
    patternSource(pattern);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}
