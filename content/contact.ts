/**
 * The Contact page's copy. `{leadDays}` is filled in with how long this deployment keeps
 * leads (RETENTION_LEADS_DAYS).
 */

/** Contact page copy. */
export const contact = {
  meta: {
    title: "Contact sales",
    description:
      "Tell us what you want AI agents to do for your team. Your message reaches our dashboard " +
      "at once and we answer by email.",
  },
  eyebrow: "Contact",
  title: "Talk to us",
  lead:
    "Tell us which work you want agents to take on: qualifying inbound leads, triaging support " +
    "tickets, answering questions from your docs. We answer by email.",
  next: {
    title: "What happens next",
    steps: [
      "Your message is stored as a lead on our dashboard and announced on our team's channels.",
      "Our lead-qualifier agent reads it, and the company website you give, if any, to see how " +
      "well we fit your needs.",
      "We reply to the email address you give.",
    ],
  },
  other: { title: "Other ways to reach us" },
  privacy:
    "We use what you send only to answer you. It is kept for {leadDays} days at most and you " +
    "can ask us to export or erase it at any time",
} as const;
