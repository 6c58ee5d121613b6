/**
 * Words in a timeline entry that mark the moments durations are measured between. Data, not code:
 * tune here. Each list is tried on the lower-cased entry text.
 */
export const EVENT_CUES = {
  started: [
    /\b(errors?) (begins?|began|starts?|started|occurs|occurred)\b/,
    /\b(outage|incident|impact|degradation|downtime|disruption) (occurs|occurred)\b/,
    /\b(service|site|api|database|cluster|everything|all services) (goes|went|is|was|became|becomes) (down|unavailable|unresponsive|offline)\b/,
    /\b(stops?|stopped) (accepting|responding|serving|working)\b/,
    /\b(begins?|began|starts?|started) (to )?(fail|failing|return(ing)?|throw(ing)?|drop(ping)?|crash(ing)?|timing out)\b/,
    /\b(became|become|becomes|goes|went|are|is) (unresponsive|unavailable|unreachable|inaccessible)\b/,
    /\b(error rate|latency|5\d\d s?|errors) (spikes?|spiked|jumps?|increases?|rises?)\b/,
    /\b(exhausted|crashloop|crash loop|oom[- ]?kill)/,
  ],
  detected: [
    /\b(detected|detects|noticed|notices|discovered|spotted|became aware|becomes aware)\b/,
    /\b(alert|alerts|alarm|page|pager|monitor|monitoring)\b.{0,40}\b(fire[sd]?|firing|trigger(s|ed)?|went off|goes off|paged|notif)/,
    /\b(paged|is paged|was paged|alerted|is alerted|were alerted|are alerted)\b/,
    /\b(on-?call|sre|ops) (first )?(pinged|notified|contacted)\b/,
    /\b(reported|reports|flags?|flagged) (by|to|that|an?|the|their|in|on|via)\b/,
    /\b(users?|customers?|support|someone|community|developers?) (reports?|reported|reporting|complains?|complained|complaining|notices|noticed)\b/,
    /\bfirst (alert|alarm|page|warning|notification|report)s?\b/,
    /\b(automated |automatic )?(warning|alert|alarm|notification)s? (from|by|via)\b/,
    /\bnotified (by|via|of|us|about)\b/,
    /^(discovery|detection)\s*:/,
    /\breports? of (an? )?(issues?|problems?|errors?|failures?|outages?|slowness)\b/,
    // A ticket opened with a vendor is the response, not how the incident was found.
    /\b(ticket|bug report|support request|support case)s? (is |was |gets |got )?(opened|filed|raised|submitted)\b(?! with)/,
    /\b(respond|responds|responded|responding) to (the |an? )?(alarms?|alerts?|pages?)\b/,
    /\b(we|team|someone|engineers?|on-?call) (first )?notice\b/,
    /\bbrought to (the )?(team'?s? |our |their )?attention\b/,
    /\b(incident|investigation) (declared|opened|created|initiated|begins|began|started)\b/,
    /\b(declares?|declared|opens?|opened|initiates?|initiated) (an? |the )?incident\b/,
    /\b(receives?|received|gets|got)\b.{0,40}\b(alerts?|alarms?|pages?)\b/,
    /\b(on-?call|engineer|team|we) (begins?|began|starts?|started) (investigat|looking)/,
    /\bdetection\b/,
  ],
  mitigated: [
    /\b(mitigated|mitigates|mitigation (applied|deployed|complete))\b/,
    /\b(errors?) (ends?|ended|stops?|stopped|subsides?|subsided|mitigated)\b/,
    /\b(impact|outage) (stops?|stopped|subsides?|subsided)\b/,
    /\b(service|services|site|api|traffic|everything) (is |was |are |were )?(restored|recovered|recovers|back|healthy|available again|operational)\b/,
    /\b(restored|recovers|recovered|back online|back up|workaround (applied|deployed|in place))\b/,
    /\b(rolled back|rollback (complete|completed|finished)|reverted|failover (complete|completed))\b/,
    /^(recovery|mitigation)\s*:/,
    /\b(all )?systems? (are |were |is |was )?(verified |confirmed )?(operational|healthy|restored|back (up|online))\b/,
    /\b(solved|fixed) the (issue|problem|outage)\b/,
    /\b(hot ?fix|fix|patch|workaround)(es)? (was |is |has been |were )?(deployed|released|rolled out|applied|in place)\b/,
    /\bconfirmed (working|fixed)\b/,
  ],
  resolved: [
    /\b(incident|issue) (is |was |has been )?(closed|over|ended)\b/,
    /\b(resolved|resolves|resolution (is |was )?confirmed|fully (restored|recovered|resolved)|all clear|closed the incident)\b/,
    /\b(monitoring|confirmed?) (shows?|that )?(stable|healthy|normal)\b/,
  ],
} as const satisfies Record<string, readonly RegExp[]>;

/**
 * Words that name the moment itself ("(outage starts)", "impact ends"): an entry saying so is the moment, whatever
 * an earlier entry hints ("a crashloop bug is introduced" months before).
 */
export const EVENT_MARKERS = {
  started: [
    /\b(outage|incident|impact|degradation|downtime|disruption) (begins?|began|starts?|started)\b/,
    /\b(root event|impact start|start of impact|outage start|incident start)\b/,
  ],
  detected: [],
  mitigated: [
    /\b(impact|outage|downtime|disruption) (ends?|ended|mitigated)\b/,
    /\b(end of impact|impact end)\b/,
  ],
  resolved: [],
} as const satisfies Record<keyof typeof EVENT_CUES, readonly RegExp[]>;
