/**
 * The Home page's copy. The figures in the hero are not written here: they are measured from
 * this instance's records (lib/site_figures.ts); only their labels are, and `{month}`, `{days}`
 * and `{runs}` are filled in with the period and sample size they cover.
 */

/** Home page copy. */
export const home = {
  meta: {
    title: "AI agents you can watch work",
    description:
      "Relay runs AI agents that qualify leads, triage support tickets and answer questions from " +
      "your docs, streamed live, metered and recorded. Try one on this page.",
  },
  hero: {
    eyebrow: "AI agents for sales, support and knowledge",
    lead:
      "Relay agents qualify leads, triage tickets and answer questions from your docs. Every run " +
      "streams to your screen token by token, shows each tool it calls, and is metered and " +
      "recorded, so you can check what they do.",
    primary: { label: "Try an agent now", href: "#try-it" },
    secondary: { label: "See pricing", href: "/pricing" },
  },
  figures: {
    title: "Measured on this site",
    firstToken: {
      label: "Median time to first token",
      period: "across {runs} in the last {days} days",
    },
    runs: { label: "Agent runs", period: "recorded in {month} (UTC)" },
    leads: { label: "Contact requests", period: "received in {month} (UTC)" },
  },
  agents: {
    eyebrow: "What the agents do",
    title: "Three agents, one platform you can observe",
    lead:
      "Each agent has a clear job, a validated input, the tools it may use and a behaviour that " +
      "works even without a model key.",
  },
  demo: {
    title: "Try an agent on your own input",
    intro:
      "Pick an agent and give it a real input. Anonymous visitors get {runsPerDay} free runs a day.",
  },
  product: {
    eyebrow: "What operators see",
    title: "Every run on a dashboard, every step replayable",
    lead:
      "These are screenshots of this product, taken by a task that drives it in a browser: the " +
      "dashboard after a visitor's demo run, and that run replayed on its own page.",
    dashboard: "The overview: live activity, visits, demo runs, leads and tokens for the site.",
    replay: "A run replayed in time: the answer as it streamed, with each tool call before it.",
  },
  how: {
    eyebrow: "How a run works",
    title: "From click to answer, nothing hidden",
    steps: [
      "Your request is validated, rate limited and checked against your quota first.",
      "A queue worker runs the agent; tokens and tool calls stream to every viewer.",
      "Usage, cost and the final answer are recorded; the run shows on the dashboard.",
    ],
    cards: [
      {
        icon: "stream",
        title: "Resumable streams",
        text: "Reload mid-run and the stream picks up where it left off, on any server.",
      },
      {
        icon: "shield",
        title: "Limits before spend",
        text: "Token and cost ceilings are checked before a model is called, never after.",
      },
    ],
  },
} as const;
