/** Support triage: classifies a ticket, finds the docs that help, drafts the reply. */
import { z } from "zod";
import { text } from "../../validation/text.ts";
import { quoteUntrusted, UNTRUSTED_CONTENT_RULE } from "../../security/content/mod.ts";
import { classifyTicketTool, type TicketClassification } from "../tools/classify_ticket.ts";
import { draftReplyTool } from "../tools/draft_reply.ts";
import { type DocCitation, searchDocsTool } from "../tools/search_docs.ts";
import type { AgentDefinition } from "../types.ts";

const input = z.object({
  customerName: text().trim().max(100).optional().describe("Who wrote the ticket"),
  subject: text().trim().max(300).optional().describe("Ticket subject"),
  body: text().trim().min(10, "Paste a ticket of at least 10 characters").max(20_000)
    .describe("Ticket text"),
});

/** Input of support triage. */
export type TicketInput = z.infer<typeof input>;

/** The first part of the triage report: the classification and why. */
export function classificationText(c: TicketClassification): string {
  const because = c.evidence.length
    ? `\nBecause the ticket mentions: ${c.evidence.join(", ")}`
    : "";
  return `Category: ${c.category} · Priority: ${c.priority} · Sentiment: ${c.sentiment}${because}`;
}

/** The second part of the triage report: the docs that help, as links. */
export function docsText(docs: DocCitation[]): string {
  const links = docs.length
    ? docs.map((d) => `- [${d.title} › ${d.section}](${d.url})`)
    : ["- none found"];
  return ["Relevant docs", ...links].join("\n");
}

/** Docs topics worth adding to the search for a category (what such tickets need). */
const CATEGORY_TOPICS: Partial<Record<string, string>> = {
  billing: "plan quotas usage cost",
  account: "sign-in account",
  outage: "health readyz",
};

/** Sections the offline triage searches before choosing the ones it cites. */
const DOCS_SEARCHED = 6;
/** Sections it cites. */
const DOCS_CITED = 3;

/**
 * The sections to cite for a customer: pages written for users before pages written for
 * contributors to the product (test drills, docs conventions), each group in search order.
 */
export function docsForCustomer(results: DocCitation[], limit = DOCS_CITED): DocCitation[] {
  const forUsers = results.filter((r) => r.audience !== "contributors");
  const forContributors = results.filter((r) => r.audience === "contributors");
  return [...forUsers, ...forContributors].slice(0, limit);
}

/**
 * The words of a ticket worth searching the docs for: its subject, first sentence and any
 * question it asks, with the docs topics of its category.
 */
export function docsQuery(v: TicketInput, category?: string): string {
  const sentences = v.body.split(/(?<=[.!?])\s+/);
  const question = sentences.slice(1).find((s) => s.endsWith("?"));
  return [v.subject, sentences[0], question, category && CATEGORY_TOPICS[category]]
    .filter(Boolean).join(" ").slice(0, 280);
}

/** Support triage. */
export const supportTriage: AgentDefinition<TicketInput> = {
  id: "support-triage",
  title: "Support triage",
  description:
    "Classifies a support ticket by category, priority and sentiment, finds the docs that help and drafts a reply.",
  input,
  systemPrompt: [
    "You are a support triage assistant.",
    "1. Call classify_ticket. 2. Call search_docs with the ticket's key terms. 3. Call draft_reply with the classification and the useful docs.",
    'Prefer docs whose audience is "everyone": pages for "contributors" (test drills, docs conventions) rarely help a customer.',
    "Then report the category, priority and sentiment, the relevant docs as Markdown links, and the reply draft.",
    UNTRUSTED_CONTENT_RULE,
  ].join("\n"),
  userMessage: (v) =>
    [
      "Ticket:",
      quoteUntrusted(
        [
          v.customerName ? `Customer: ${v.customerName}` : "",
          v.subject ? `Subject: ${v.subject}` : "",
          v.body,
        ].filter(Boolean).join("\n"),
      ).text,
    ].join("\n"),
  tools: [classifyTicketTool, searchDocsTool, draftReplyTool],
  fields: [
    {
      name: "customerName",
      label: "Customer name (optional)",
      multiline: false,
      required: false,
    },
    { name: "subject", label: "Subject (optional)", multiline: false, required: false },
    {
      name: "body",
      label: "Ticket",
      multiline: true,
      required: true,
      placeholder: "Paste the customer's message",
    },
  ],
  example: {
    customerName: "Dana",
    subject: "Live demo stream stops halfway",
    body:
      "Hi, when I start a run the answer streams for a few seconds and then stops. If I reload the page it comes back. Is this a bug? It happens every time on our office network.",
  },
  samples: [
    {
      label: "Stream stops",
      input: {
        customerName: "Dana",
        subject: "Live demo stream stops halfway",
        body:
          "Hi, when I start a run the answer streams for a few seconds and then stops. If I reload the page it comes back. Is this a bug? It happens every time on our office network.",
      },
    },
    {
      label: "Charged twice",
      input: {
        customerName: "Sam",
        subject: "Charged twice this month!!",
        body:
          "I was charged twice for the Team plan this month. This is unacceptable, please refund the extra payment and tell me why it happened.",
      },
    },
    {
      label: "Locked out",
      input: {
        subject: "Cannot sign in",
        body:
          "The magic link email never arrives and now I am locked out of my account. How do I sign in to the dashboard?",
      },
    },
  ],
  async offline(v, { callTool, say }) {
    const c = await callTool("classify_ticket", {
      ...(v.subject ? { subject: v.subject } : {}),
      body: v.body,
    }) as TicketClassification;
    await say(`${classificationText(c)}\n\n`);
    const found = await callTool("search_docs", {
      query: docsQuery(v, c.category),
      limit: DOCS_SEARCHED,
    }) as { results: DocCitation[] };
    const docs = docsForCustomer(found.results);
    await say(`${docsText(docs)}\n\n`);
    const { reply } = await callTool("draft_reply", {
      ...(v.customerName ? { customerName: v.customerName } : {}),
      category: c.category,
      priority: c.priority,
      sentiment: c.sentiment,
      docs: docs.map((d) => ({ title: d.title, url: d.url })),
    }) as { reply: string };
    return `Draft reply\n\n${reply}`;
  },
};
