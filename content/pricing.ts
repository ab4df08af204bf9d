/**
 * The Pricing page's copy and FAQ. The plans themselves are in content/plans.ts. In answers,
 * `{runsPerDay}` and `{tokensPerDay}` are filled in from the anonymous demo quota.
 */

/** Pricing page copy. */
export const pricing = {
  eyebrow: "Pricing",
  title: "Simple plans with limits you can see",
  lead: "Start free with every agent. Each plan's limits are the ones our quota system enforces, " +
    "shown here from the same file, so what you read is what you get.",
  note:
    "Prices in {currency}, excluding tax. Model provider costs are included up to each plan's " +
    "spend ceiling.",
  faq: [
    {
      q: "What counts as an agent run?",
      a: "One call that starts an agent: a lead qualified, a ticket triaged or a question " +
        "answered. Tool calls inside a run, retries after our own errors and streaming " +
        "reconnects are not counted again.",
    },
    {
      q: "What happens when I reach a limit?",
      a: "The request is refused before anything is spent, with a message saying which limit " +
        "was reached and when it resets.",
    },
    {
      q: "Which model runs the agents?",
      a: "Any OpenAI-compatible API the deployment is configured with (OpenAI, Azure OpenAI, " +
        "Ollama, vLLM), or the built-in offline engine when none is. Token and spend limits " +
        "apply either way.",
    },
    {
      q: "Can I try it without signing up?",
      a: "Yes. Anonymous visitors can start {runsPerDay} demo runs and use up to " +
        "{tokensPerDay} tokens a day on this site. The Free plan raises that and keeps your " +
        "history.",
    },
    {
      q: "Where is my data stored, and for how long?",
      a: "Run records and leads are kept in the deployment's PostgreSQL database for the " +
        "retention period your workspace chooses (up to your plan's limit) or the deployment's " +
        "default, then deleted by a daily retention job. You can export or delete your " +
        "workspace's data at any time from the dashboard.",
    },
  ],
  cta: {
    title: "Not sure which plan fits?",
    lead: "Tell us about your volume and we will help you size it.",
  },
} as const;
