/** `classify_ticket`: category, priority and sentiment of a support ticket. */
import { z } from "zod";
import type { Tool } from "../types.ts";
import { matchedPhrases } from "./text_match.ts";

const args = z.object({
  subject: z.string().max(300).optional(),
  body: z.string().min(1).max(20_000),
});

/** The ticket categories, each with the words that point to it. */
export const CATEGORY_WORDS = {
  outage: [
    "down",
    "outage",
    "not loading",
    "unavailable",
    "503",
    "502",
    "500 error",
    "timeouts",
    "timing out",
  ],
  bug: [
    "bug",
    "error",
    "broken",
    "crash",
    "crashes",
    "fails",
    "failing",
    "wrong",
    "exception",
    "stack trace",
  ],
  billing: [
    "invoice",
    "billing",
    "charged",
    "charge",
    "refund",
    "payment",
    "credit card",
    "plan",
    "subscription",
    "pricing",
  ],
  account: [
    "password",
    "log in",
    "login",
    "sign in",
    "signin",
    "locked out",
    "2fa",
    "sso",
    "account",
    "magic link",
    "invite",
  ],
  "feature request": [
    "feature request",
    "would be great",
    "wish",
    "could you add",
    "please add",
    "roadmap",
    "support for",
  ],
  "how-to": [
    "how do i",
    "how can i",
    "how to",
    "where can i",
    "is it possible",
    "configure",
    "set up",
    "setup",
  ],
} as const;

/** One of the ticket categories. */
export type TicketCategory = keyof typeof CATEGORY_WORDS | "other";

const URGENT = [
  "production",
  "all users",
  "everyone",
  "data loss",
  "security",
  "breach",
  "urgent",
  "asap",
  "immediately",
  "outage",
  "down",
];
const NEGATIVE = [
  "angry",
  "frustrated",
  "frustrating",
  "unacceptable",
  "terrible",
  "awful",
  "disappointed",
  "cancel",
  "worst",
  "again",
  "still",
  "ridiculous",
];
const POSITIVE = ["thanks", "thank you", "love", "great", "appreciate", "awesome", "happy"];

/** A ticket's classification, with the words that decided it. */
export interface TicketClassification {
  category: TicketCategory;
  priority: "urgent" | "high" | "normal" | "low";
  sentiment: "negative" | "neutral" | "positive";
  evidence: string[];
}

/** Classifies a ticket; pure and deterministic. */
export function classifyTicket(subject: string | undefined, body: string): TicketClassification {
  const text = `${subject ?? ""}\n${body}`;
  let category: TicketCategory = "other";
  let evidence: string[] = [];
  for (const [name, words] of Object.entries(CATEGORY_WORDS)) {
    const found = matchedPhrases(text, words);
    if (found.length > evidence.length) [category, evidence] = [name as TicketCategory, found];
  }
  const urgent = matchedPhrases(text, URGENT);
  const negative = matchedPhrases(text, NEGATIVE).length + (text.match(/!{2,}/g)?.length ?? 0);
  const positive = matchedPhrases(text, POSITIVE).length;
  const sentiment = negative > positive ? "negative" : positive > negative ? "positive" : "neutral";
  const priority = category === "outage" || urgent.length >= 2
    ? "urgent"
    : urgent.length === 1 || category === "bug" ||
        (category === "billing" && sentiment === "negative")
    ? "high"
    : category === "feature request"
    ? "low"
    : "normal";
  return {
    category,
    priority,
    sentiment,
    evidence: [...evidence, ...urgent.filter((u) => !evidence.includes(u))],
  };
}

/** The tool: classification of a support ticket. */
export const classifyTicketTool: Tool<z.infer<typeof args>, TicketClassification> = {
  name: "classify_ticket",
  description:
    "Classify a support ticket: category (outage, bug, billing, account, feature request, how-to, other), priority (urgent, high, normal, low) and sentiment, with the words that decided it.",
  args,
  run: ({ subject, body }) => Promise.resolve(classifyTicket(subject, body)),
};
