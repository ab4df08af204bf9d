/**
 * `classify_ticket`: category, priority and sentiment of a support ticket. The category is the
 * one whose cues weigh most; sentiment is the AFINN valence (the `sentiment` library) adjusted
 * for support tickets; priority follows from the category, the urgency and impact words and
 * the mood.
 */
import { z } from "zod";
import type { Tool } from "../types.ts";
import {
  CATEGORY_CUES,
  IMPACT_CUES,
  MOOD_CUES,
  NEUTRAL_IN_TICKETS,
  URGENT_CUES,
} from "./ticket_words.ts";

const args = z.object({
  subject: z.string().max(300).optional(),
  body: z.string().min(1).max(20_000),
});

/** One of the ticket categories. */
export type TicketCategory = keyof typeof CATEGORY_CUES | "other";

/** A ticket's classification, with the words that decided it. */
export interface TicketClassification {
  category: TicketCategory;
  priority: "urgent" | "high" | "normal" | "low";
  sentiment: "negative" | "neutral" | "positive";
  evidence: string[];
}

type Afinn = { analyze(text: string, options: { extras: Record<string, number> }): AfinnResult };
type AfinnResult = { score: number; positive: string[]; negative: string[] };

let afinn: Promise<Afinn> | null = null;

/** The AFINN scorer, loaded on first use (keeps server start-up light). */
function loadAfinn(): Promise<Afinn> {
  afinn ??= import("sentiment").then((m) => new m.default() as Afinn);
  return afinn;
}

/** The ticket's mood score: AFINN valence, support-neutral words removed, mood cues added. */
export async function moodScore(text: string): Promise<{ score: number; words: string[] }> {
  const r = (await loadAfinn()).analyze(text, { extras: NEUTRAL_IN_TICKETS });
  let score = r.score;
  const words = [...r.positive, ...r.negative];
  for (const [re, weight] of MOOD_CUES) {
    const m = text.match(re);
    if (m) [score, words.length] = [score + weight, words.push(m[0])];
  }
  return { score, words };
}

/** Classifies a ticket; deterministic. */
export async function classifyTicket(
  subject: string | undefined,
  body: string,
): Promise<TicketClassification> {
  const text = `${subject ?? ""}\n${body}`;
  let category: TicketCategory = "other";
  let evidence: string[] = [];
  let best = 0;
  for (const [name, cues] of Object.entries(CATEGORY_CUES)) {
    const found = cues.map(([re, w]) => [text.match(re)?.[0], w] as const).filter(([m]) => m);
    const weight = found.reduce((n, [, w]) => n + w, 0);
    if (weight > best) {
      [category, evidence, best] = [
        name,
        found.map(([m]) => m!.toLowerCase()),
        weight,
      ];
    }
  }
  const mood = await moodScore(text);
  const sentiment = mood.score <= -1 ? "negative" : mood.score >= 2 ? "positive" : "neutral";
  const urgent = text.match(URGENT_CUES)?.[0];
  const impact = text.match(IMPACT_CUES)?.[0];
  const priority = category === "outage" || (urgent && (impact || category === "bug"))
    ? "urgent"
    : urgent || (sentiment === "negative" && ["bug", "billing", "account"].includes(category))
    ? "high"
    : category === "feature request" || (category === "other" && sentiment === "positive")
    ? "low"
    : "normal";
  const extra = [urgent, impact].filter((w): w is string => !!w).map((w) => w.toLowerCase());
  return {
    category,
    priority,
    sentiment,
    evidence: [...new Set([...evidence, ...extra])],
  };
}

/** The tool: classification of a support ticket. */
export const classifyTicketTool: Tool<z.infer<typeof args>, TicketClassification> = {
  name: "classify_ticket",
  description:
    "Classify a support ticket: category (outage, bug, billing, account, feature request, how-to, other), priority (urgent, high, normal, low) and sentiment, with the words that decided it.",
  args,
  run: ({ subject, body }) => classifyTicket(subject, body),
};
