/**
 * The Solutions pages' copy, one entry per agent. Keep every sentence true of the agent as it
 * is: what it reads, what its tools do, what it returns. The demo on each page shows the
 * agent's recorded example (content/examples/), not text written here.
 */

/** One solution page. */
export interface Solution {
  slug: "sales" | "support" | "knowledge";
  /** Agent id (lib/agents/registry.ts) that the page's demo runs. */
  agentId: string;
  name: string;
  audience: string;
  headline: string;
  summary: string;
  /** The page's meta description. */
  description: string;
  problem: string;
  capabilities: { title: string; text: string }[];
  steps: string[];
  outputs: string[];
  demoIntro: string;
}

/** The Solutions index page's copy. */
export const solutionsIndex = {
  title: "An agent for each queue that slows your team down",
  lead:
    "Pick the job: qualify inbound leads, triage support tickets or answer questions from your " +
    "docs. Each agent runs live on its page, so you can judge it on real input before you sign up.",
  description:
    "AI agents for lead qualification, support ticket triage and docs Q&A, each with a live " +
    "demo, clear outputs and a full record of every run.",
  shot: {
    title: "A real run, as a visitor sees it",
    caption:
      "The Knowledge agent's live demo on this site, captured by a task that drives the product " +
      "in a browser: the docs search it ran, the streamed answer with its sources, and its " +
      "tokens and cost.",
  },
  shared: [
    {
      title: "Validated inputs",
      text: "Each agent declares its input as a schema; bad input gets a clear error before any " +
        "model is called.",
    },
    {
      title: "Streaming you can resume",
      text: "Tokens and tool calls stream over Server-Sent Events and replay after a reconnect, " +
        "with nothing lost or repeated.",
    },
    {
      title: "Any model, or none",
      text: "Use any OpenAI-compatible provider, or the built-in offline engine that does real " +
        "retrieval and scoring without a key.",
    },
  ],
};

/** Headings and labels shared by the three Solutions pages; `{agent}` is the agent's name. */
export const solutionPage = {
  tryLabel: "Try the {agent}",
  pricing: { label: "See pricing", href: "/pricing" },
  problemTitle: "The problem",
  outputsTitle: "What you get back",
  capabilitiesTitle: "What the {agent} does",
  howTitle: "How it works",
  howNote: "Every step streams to the page as it happens and is recorded with its tokens, cost " +
    "and timings. Read the Runs API to drive the agent from your own code.",
  runsApi: { label: "Runs API", href: "/docs/runs-api" },
  demoTitle: "Run the {agent} now",
} as const;

/** The solutions, in navigation order. */
export const solutions: readonly Solution[] = [
  {
    slug: "sales",
    agentId: "lead-qualifier",
    name: "Sales agent",
    audience: "For revenue and SDR teams",
    headline: "Qualify an inbound lead in seconds, with reasons you can check",
    summary:
      "The lead qualifier reads a company description, pasted notes, an uploaded document or " +
      "the company's website, extracts firmographics, scores the fit against your ideal-customer profile and drafts a " +
      "follow-up email.",
    description:
      "Qualify inbound leads in seconds: firmographics, a fit score with reasons and a drafted " +
      "follow-up, streamed live.",
    problem:
      "Inbound leads wait hours for a first look, and half of them were never a fit. Reps spend " +
      "their mornings researching companies instead of talking to the ones that matter.",
    capabilities: [
      {
        title: "Firmographics from text, a file or the website",
        text: "Industry, size, revenue, region, funding, tools and buying signals pulled from " +
          "free text, an uploaded txt, Markdown, CSV or PDF file (through the Runs API), or " +
          "the company's web page, read through a guarded fetch and cited in the reasons.",
      },
      {
        title: "A score with its reasons",
        text: "Each lead gets a 0-100 fit score against the ideal-customer profile set in your " +
          "configuration (ICP_* settings), with the points each criterion added and what is " +
          "still unknown, so reps can disagree with evidence.",
      },
      {
        title: "A follow-up draft",
        text:
          "A follow-up email built from the verdict, the signals found and the questions still " +
          "open, for a rep to edit and send. The offline engine fills a template; a model " +
          "writes it from the same facts.",
      },
      {
        title: "Every lead qualified, the good ones routed",
        text: "Each lead from your contact form is qualified by this agent as a queued job; its " +
          "fit, reasons and firmographics show on the dashboard, where leads sort by fit. " +
          "Operators get every lead by email; Slack and a signed CRM webhook get the leads " +
          "at or above the fit threshold you set.",
      },
    ],
    steps: [
      "You paste a company description here, or send text or a document to the Runs API.",
      "The agent extracts the company's profile and checks it against your criteria.",
      "You get a score, the reasons, and a drafted follow-up, streamed as they are written.",
      "The run is recorded with its tokens, cost and result.",
    ],
    outputs: ["Company profile", "Fit score 0-100", "Scoring reasons", "Drafted follow-up"],
    demoIntro:
      "Paste a short company description and watch the lead qualifier extract, score and draft " +
      "in real time.",
  },
  {
    slug: "support",
    agentId: "support-triage",
    name: "Support agent",
    audience: "For support and success teams",
    headline: "Triage a ticket in seconds and draft the first reply",
    summary:
      "The support triage agent classifies a ticket by category, priority and sentiment, finds " +
      "the documentation sections that help, and drafts a reply your team can edit and send.",
    description:
      "Triage support tickets: category, priority and sentiment, relevant docs and a draft " +
      "reply with links.",
    problem:
      "Urgent tickets sit in the same queue as password resets. Agents re-read every message to " +
      "route it, and customers wait for answers that already exist in your docs.",
    capabilities: [
      {
        title: "Category, priority, sentiment",
        text: "Each ticket gets a category (outage, bug, billing, account, feature request, " +
          "how-to or other), a priority from urgent to low and a sentiment, with the words that " +
          "decided them.",
      },
      {
        title: "Docs that answer it",
        text: "The agent searches the documentation index (the Markdown in docs/) and links the " +
          "sections it found, so a reply can be checked in one click.",
      },
      {
        title: "Drafts, or answers you choose",
        text: "The reply is a draft for a person to review, except in the categories your " +
          "workspace lets the agent answer: those replies are posted to your help desk's reply " +
          "URL, signed. Relay sends no email itself.",
      },
      {
        title: "Signed tickets webhook, urgent alerts",
        text: "Your help desk sends tickets to a webhook signed with your workspace's key; each " +
          "is triaged as a queued job, and urgent ones are posted to your Slack-compatible " +
          "alert webhook.",
      },
      {
        title: "Corrections measure accuracy",
        text: "Operators keep or correct a ticket's category on its page; the dashboard shows " +
          "how many tickets each category got and how often the agent's category was kept.",
      },
      {
        title: "Measured, not guessed",
        text: "Every run's duration, tokens and cost are on the dashboard, so you can see what " +
          "triage costs.",
      },
    ],
    steps: [
      "You paste a ticket here, or your help desk sends it to your workspace's signed tickets " +
      "webhook.",
      "The agent classifies it and searches the docs for relevant sections.",
      "A drafted reply streams in with links to those sections, ready for review.",
      "The run is recorded with its tokens, cost and result.",
    ],
    outputs: ["Category", "Priority (urgent to low)", "Sentiment", "Draft reply with doc links"],
    demoIntro:
      "Paste a customer ticket and watch the triage agent classify it, look up the docs and " +
      "draft an answer.",
  },
  {
    slug: "knowledge",
    agentId: "docs-assistant",
    name: "Knowledge agent",
    audience: "For product, docs and enablement teams",
    headline: "Answers from your documentation, with a citation for every claim",
    summary: "The docs assistant answers questions in plain language from your documentation and " +
      "links to the exact sections it used, so readers can verify and go deeper.",
    description: "Answer questions from your documentation with citations to the exact sections " +
      "used, with a model or offline.",
    problem:
      "Your docs hold the answers, but people ask in chat instead, and search returns pages, " +
      "not answers. The same questions reach your engineers every week.",
    capabilities: [
      {
        title: "Real retrieval, not guesswork",
        text:
          "A full-text index of every docs section, with stemming and typo tolerance, finds the " +
          "passages before an answer is written.",
      },
      {
        title: "Citations you can click",
        text: "Each answer links to the headings it drew from, so a reader lands on the exact " +
          "section, not the top of a long page.",
      },
      {
        title: "Works without a model key",
        text: "Without a key, the offline engine answers from the same index with extracts of " +
          "the best sections, clearly labelled as such.",
      },
      {
        title: "Current with your docs",
        text: "The index is built from the Markdown in docs/ when the server starts, so a fixed " +
          "doc fixes the answer at the next deploy.",
      },
    ],
    steps: [
      "A reader asks a question here or through the Runs API.",
      "The agent searches the docs index and reads the best sections.",
      "The answer streams in with links to the sections it used.",
      "Questions the docs do not cover are counted on the dashboard, so you know what to write next.",
    ],
    outputs: ["Plain-language answer", "Section citations"],
    demoIntro:
      "Ask a question about Relay itself: the assistant answers from these docs and cites them.",
  },
];
