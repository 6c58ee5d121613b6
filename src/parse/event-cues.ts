/**
 * Words in a timeline entry that mark the moments durations are measured between. Data, not code:
 * tune here. Each list is tried in order on the lower-cased entry text.
 */
export const EVENT_CUES = {
  started: [
    /\b(outage|incident|impact|degradation|downtime|disruption|errors?) (begins?|began|starts?|started|occurs|occurred)\b/,
    /\b(service|site|api|database|cluster|everything|all services) (goes|went|is|was|became|becomes) (down|unavailable|unresponsive|offline)\b/,
    /\b(stops?|stopped) (accepting|responding|serving|working)\b/,
    /\b(begins?|began|starts?|started) (to )?(fail|failing|return(ing)?|throw(ing)?|drop(ping)?|crash(ing)?|timing out)\b/,
    /\b(became|become|becomes|goes|went|are|is) (unresponsive|unavailable|unreachable|inaccessible)\b/,
    /\b(root event|impact start|start of impact|outage start|incident start)\b/,
    /\b(error rate|latency|5\d\d s?|errors) (spikes?|spiked|jumps?|increases?|rises?)\b/,
    /\b(exhausted|crashloop|crash loop|oom[- ]?kill)/,
  ],
  detected: [
    /\b(detected|noticed|notices|discovered|spotted|became aware|becomes aware)\b/,
    /\b(alert|alerts|alarm|page|pager|monitor|monitoring)\b.{0,40}\b(fire[sd]?|firing|trigger(s|ed)?|went off|goes off|paged|notif)/,
    /\b(paged|is paged|was paged|alerted|is alerted|were alerted|are alerted)\b/,
    /\b(on-?call|sre|ops) (first )?(pinged|notified|contacted)\b/,
    /\b(reported|reports|flags?|flagged) (by|to|that|an?|the|in|on|via)\b/,
    /\b(users?|customers?|support|someone|community) (reports?|reported|complains?|complained|notices|noticed)\b/,
    /\breports? of (an? )?(issues?|problems?|errors?|failures?|outages?|slowness)\b/,
    /\b(incident|investigation) (declared|opened|created|begins|began|started)\b/,
    /\b(on-?call|engineer|team|we) (begins?|began|starts?|started) (investigat|looking)/,
    /\bdetection\b/,
  ],
  mitigated: [
    /\b(mitigated|mitigates|mitigation (applied|deployed|complete))\b/,
    /\b(impact|outage|errors?) (ends?|ended|stops?|stopped|subsides?|subsided|mitigated)\b/,
    /\b(service|services|site|api|traffic|everything) (is |was |are |were )?(restored|recovered|recovers|back|healthy|available again|operational)\b/,
    /\b(restored|recovers|recovered|back online|back up|workaround (applied|deployed|in place))\b/,
    /\b(rolled back|rollback (complete|completed|finished)|reverted|failover (complete|completed))\b/,
    /^(recovery|mitigation)\s*:/,
    /\bconfirmed (working|fixed)\b/,
  ],
  resolved: [
    /\b(resolved|resolves|resolution (is |was )?confirmed|fully (restored|recovered|resolved)|incident (closed|over|ended)|all clear|closed the incident)\b/,
    /\b(monitoring|confirmed?) (shows?|that )?(stable|healthy|normal)\b/,
  ],
} as const satisfies Record<string, readonly RegExp[]>;
