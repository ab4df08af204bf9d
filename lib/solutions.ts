/**
 * The three solutions (one per agent): the copy of the Solutions pages and the agent id each
 * page's live demo runs.
 */

/** A sample run shown until (and where) the live demo is not available. */
export interface SampleRun {
  input: string;
  toolCalls: string[];
  output: string;
}

/** One solution page. */
export interface Solution {
  slug: "sales" | "support" | "knowledge";
  /** Agent id in lib/agents (issue 5) that the page's demo runs. */
  agentId: string;
  name: string;
  audience: string;
  headline: string;
  summary: string;
  problem: string;
  capabilities: { title: string; text: string }[];
  steps: string[];
  outputs: string[];
  demoIntro: string;
  sample: SampleRun;
}

/** The solutions, in navigation order. */
export const solutions: readonly Solution[] = [
  {
    slug: "sales",
    agentId: "lead-qualifier",
    name: "Sales agent",
    audience: "For revenue and SDR teams",
    headline: "Qualify every inbound lead in seconds, with reasons you can check",
    summary:
      "The lead qualifier reads a company description, a pasted email or an uploaded document, " +
      "extracts firmographics, scores the fit against your ideal-customer profile and drafts " +
      "the first reply.",
    problem:
      "Inbound leads wait hours for a first look, and half of them were never a fit. Reps spend " +
      "their mornings researching companies instead of talking to the ones that matter.",
    capabilities: [
      {
        title: "Firmographics from anything",
        text: "Industry, size, region, tech stack and buying signals pulled from free text, " +
          "Markdown, CSV or PDF, after every upload passes a content and malware check.",
      },
      {
        title: "A score with its reasons",
        text:
          "Each lead gets a 0-100 fit score against the ideal-customer profile you configure, " +
          "with the criteria that raised or lowered it, so reps can disagree with evidence.",
      },
      {
        title: "A first draft, not a template",
        text:
          "A follow-up email that references what the prospect actually wrote, ready for a rep " +
          "to edit and send.",
      },
      {
        title: "Straight into your pipeline",
        text: "Qualified leads land in the dashboard and go out to Slack or your CRM webhook, " +
          "signed and retried until they arrive.",
      },
    ],
    steps: [
      "A lead arrives from your site form, an email forward or the API.",
      "The agent extracts the company's profile and checks it against your criteria.",
      "You get a score, the reasons, and a drafted reply, streamed as they are written.",
      "Hot leads notify the right channel; everything is kept in the audit log.",
    ],
    outputs: ["Company profile", "Fit score 0-100", "Scoring reasons", "Drafted follow-up"],
    demoIntro:
      "Paste a short company description and watch the lead qualifier extract, score and draft " +
      "in real time.",
    sample: {
      input:
        "Northwind Freight is a 400-person logistics company in Rotterdam. Their support team " +
        "handles 9,000 tickets a month in Zendesk and wants to automate triage before peak season.",
      toolCalls: ["extract_firmographics(text)", "score_fit(profile, icp)"],
      output: "Fit score 86/100. Mid-market logistics (+20), 9,000 tickets a month shows volume " +
        "(+25), Zendesk is a supported integration (+15), clear deadline before peak season " +
        '(+10). Drafted reply: "Hi, thanks for reaching out about triage before peak season..."',
    },
  },
  {
    slug: "support",
    agentId: "support-triage",
    name: "Support agent",
    audience: "For support and success teams",
    headline: "Triage tickets the moment they arrive and draft the first reply",
    summary:
      "The support triage agent classifies each ticket by category, priority and sentiment, " +
      "finds the documentation that answers it, and drafts a reply your team can send or edit.",
    problem:
      "Urgent tickets sit in the same queue as password resets. Agents re-read every message to " +
      "route it, and customers wait for answers that already exist in your docs.",
    capabilities: [
      {
        title: "Category, priority, sentiment",
        text: "Every ticket is labelled consistently, so billing outages jump the queue and an " +
          "unhappy customer is flagged before they churn.",
      },
      {
        title: "Answers grounded in your docs",
        text: "The agent searches your knowledge base and cites the sections it used, so a reply " +
          "can be checked in one click.",
      },
      {
        title: "Drafts your team controls",
        text: "Replies are drafts by default. You choose which categories may be answered " +
          "automatically and which always need a person.",
      },
      {
        title: "Measured, not guessed",
        text:
          "Triage time, token spend and accuracy per category are on the dashboard, so you can " +
          "see what the agent saves and what it costs.",
      },
    ],
    steps: [
      "A ticket arrives through the API or a webhook from your help desk.",
      "The agent classifies it and searches the docs for relevant sections.",
      "A drafted reply streams in with citations, ready for review.",
      "Priority tickets alert the on-call channel immediately.",
    ],
    outputs: ["Category", "Priority P1-P4", "Sentiment", "Cited draft reply"],
    demoIntro:
      "Paste a customer ticket and watch the triage agent classify it, look up the docs and " +
      "draft an answer.",
    sample: {
      input:
        "Since this morning none of our agents' runs finish, the dashboard just says running. " +
        "We have a demo with a client at 3pm, please help!",
      toolCalls: ['search_docs("runs stuck running")'],
      output: 'Category: incident. Priority: P1. Sentiment: anxious. Draft: "Runs that stay in ' +
        "running are picked up by the sweeper within minutes; if they are not, check the queue " +
        'check on /readyz (Operations runbook: Runs stuck or failing)..."',
    },
  },
  {
    slug: "knowledge",
    agentId: "docs-assistant",
    name: "Knowledge agent",
    audience: "For product, docs and enablement teams",
    headline: "Answers from your documentation, with a citation for every claim",
    summary: "The docs assistant answers questions in plain language from your documentation and " +
      "links to the exact sections it used, so readers can verify and go deeper.",
    problem:
      "Your docs hold the answers, but people ask in chat instead, and search returns pages, " +
      "not answers. The same questions reach your engineers every week.",
    capabilities: [
      {
        title: "Real retrieval, not guesswork",
        text:
          "A full-text index of every docs section, with stemming and typo tolerance, finds the " +
          "passages before the model writes a word.",
      },
      {
        title: "Citations you can click",
        text: "Each answer links to the headings it drew from, so a reader lands on the exact " +
          "paragraph, not the top of a long page.",
      },
      {
        title: "Works without a model key",
        text: "The offline engine answers from the same index with extractive summaries, clearly " +
          "labelled, so the assistant keeps working during a provider outage.",
      },
      {
        title: "Always current",
        text: "The index is rebuilt from your Markdown on each deploy, so a fixed doc fixes the " +
          "answer the same day.",
      },
    ],
    steps: [
      "A reader asks a question on your site, in the docs or through the API.",
      "The agent searches the docs index and reads the best sections.",
      "The answer streams in with links to the sections it used.",
      "Unanswered questions show up on the dashboard as gaps to document.",
    ],
    outputs: ["Plain-language answer", "Section citations", "Follow-up suggestions"],
    demoIntro:
      "Ask a question about Relay itself: the assistant answers from these docs and cites them.",
    sample: {
      input: "How do I rotate the session signing key without logging everyone out?",
      toolCalls: ['search_docs("rotate session secret")'],
      output:
        "Put the new key first in SESSION_SECRETS (new,old) and deploy: new sessions are signed " +
        "with it and old ones still verify. After the session lifetime, remove the old key. " +
        "Sources: Operations runbook, Rotating a secret; Configuration reference, Key lists and " +
        "rotation.",
    },
  },
];

/** The solution with this slug. Throws for an unknown slug (a programming error). */
export function solutionBySlug(slug: Solution["slug"]): Solution {
  const s = solutions.find((x) => x.slug === slug);
  if (!s) throw new Error(`unknown solution ${slug}`);
  return s;
}
