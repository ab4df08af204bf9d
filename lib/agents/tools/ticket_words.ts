/**
 * The cues support triage reads: per category, patterns weighted by how clearly they point to
 * it; the words that make a ticket urgent; and how the AFINN sentiment lexicon is adjusted for
 * support tickets, where words naming the fault ("error", "stuck", "outage") describe the system,
 * not the writer's mood, while pressure and repetition ("right now", "again", "!!!") do.
 */

/** A cue: a pattern and its weight. */
export type Cue = [RegExp, number];

/** Category -> cues. In a tie, the category listed first wins. */
export const CATEGORY_CUES: Record<string, Cue[]> = {
  outage: [
    [/\b(?:is|are|went|goes|been) down\b|\bdown for\b/i, 2],
    [/\boutage\b/i, 2],
    [/\b(?:unreachable|unavailable|not loading)\b/i, 2],
    [/\b50[0234]\b/, 2],
    [/\b(?:timing out|timeouts?|never starts?|nothing works)\b/i, 1],
    [/\bstuck\b/i, 1],
  ],
  bug: [
    [/\b(?:bug|glitch|exception|stack trace|crash(?:es|ed)?)\b/i, 2],
    [/\berrors?\b/i, 1],
    [/\b(?:broken|fails?|failing|failed|rejects?|freez(?:es|ing)|froze)\b/i, 1],
    [/\b(?:stops?|stopped)(?: working)?\b|\bdoes(?:n't| not) work\b|\bnot working\b/i, 1],
    [/\b(?:wrong|incorrect|slow|takes \d+(?: to \d+)? seconds)\b/i, 1],
    [/\b4(?:01|03|04|22|29)\b/, 1],
    [/\bsecurity (?:problem|issue|hole|bug)\b|\bleak(?:s|ing|ed)?\b/i, 2],
    [/\bproblem\b/i, 1],
  ],
  billing: [
    [/\b(?:invoices?|refund(?:ed)?|charged|billed|double charge)\b/i, 2],
    [/\b(?:billing|payments?|credit card|card|subscription|receipt|vat)\b/i, 1],
    [/\b(?:plan|upgrade[ds]?|downgrade[ds]?)\b/i, 1],
  ],
  account: [
    [/\b(?:password|locked out|magic link|sign-?in link|2fa|two-factor)\b/i, 2],
    [/\b(?:log ?in|sign ?in|sign-in|sso|okta|account|invite|workspace|api tokens?)\b/i, 1],
    [/\b(?:personal data|gdpr|delete my data|erase)\b/i, 1],
  ],
  "feature request": [
    [
      /\b(?:feature request|would love|would be (?:really |so )?(?:nice|great|helpful|useful))\b/i,
      2,
    ],
    [/\b(?:idea|please add|could you add|wish|roadmap|support for)\b/i, 1],
  ],
  "how-to": [
    [/\b(?:how (?:do|can|should) (?:i|we)|how to|is it possible|where (?:do|can) (?:i|we))\b/i, 2],
    [/\b(?:can (?:i|we)|what do (?:i|we) need|what are the|question)\b/i, 1],
  ],
};

/** Words that make a ticket urgent on their own or with a problem. */
export const URGENT_CUES = /\b(?:urgent|asap|immediately|right now|emergency|escalate)\b/i;
/** Words that say how many are hit. */
export const IMPACT_CUES =
  /\b(?:production|all (?:of )?(?:our )?(?:users|customers)|everyone|whole (?:support )?team|data loss|security)\b/i;

/** AFINN words that name a fault or a request in support tickets, not a mood. */
export const NEUTRAL_IN_TICKETS: Record<string, number> = Object.fromEntries(
  [
    "support",
    "please",
    "like",
    "invite",
    "error",
    "errors",
    "wrong",
    "stuck",
    "limit",
    "limits",
    "no",
    "outage",
    "urgent",
    "stop",
    "stops",
    "stopped",
    "fine",
    "true",
    "mistake",
    "forgot",
    "fails",
    "failed",
    "rejects",
    "cancel",
    "cancelling",
    "problem",
    "offline",
    "block",
  ].map((w) => [w, 0]),
);

/** Mood cues AFINN misses: pressure, repetition and shouting, each counted once. */
export const MOOD_CUES: Cue[] = [
  [/!{2,}/, -2],
  [/\b(?:again|second time|still)\b/i, -1],
  [/\b(?:right now|asap|immediately)\b/i, -1],
  [/\bblocked\b/i, -1],
  [/\b(?:URGENT|ASAP|NOW|HELP|EMERGENCY)\b/, -1],
];
