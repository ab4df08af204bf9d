/** `draft_reply`: a templated reply to a support ticket, linking the docs that help. */
import { z } from "zod";
import { siteConfig } from "../../site_config.ts";
import type { Tool } from "../types.ts";

const args = z.object({
  customerName: z.string().max(100).optional(),
  category: z.string().max(50),
  priority: z.enum(["urgent", "high", "normal", "low"]),
  sentiment: z.enum(["negative", "neutral", "positive"]),
  docs: z.array(z.object({ title: z.string().max(200), url: z.string().max(500) })).max(5)
    .optional(),
});

const OPENING: Record<string, string> = {
  outage: "We are sorry the service is not working for you; our on-call engineers are on it now.",
  bug:
    "Thank you for the detailed report; we have passed it to our engineers and are looking into it.",
  billing: "Thanks for flagging this; we have opened your billing history to check every charge.",
  account: "Let's get you back into your account.",
  "feature request":
    "Thank you for the suggestion; we have added it to the product feedback we review every week.",
  "how-to": "Happy to help with that.",
  other: "Thanks for getting in touch.",
};

const NEXT: Record<string, string> = {
  urgent: "We will update you within the hour, sooner if anything changes.",
  high: "We will get back to you within four business hours.",
  normal: "We will get back to you within one business day.",
  low: "We will let you know when there is news.",
};

/** Drafts the reply; pure and deterministic. */
export function draftReply(facts: z.infer<typeof args>): string {
  const lines = [`Hi ${facts.customerName ?? "there"},`, ""];
  if (facts.sentiment === "negative") lines.push("I am sorry for the trouble this has caused.");
  lines.push(OPENING[facts.category] ?? OPENING.other);
  if (facts.docs?.length) {
    lines.push("", "These pages of our docs should help:");
    for (const d of facts.docs) lines.push(`- ${d.title}: ${d.url}`);
  }
  lines.push("", NEXT[facts.priority], "", "Best regards,", `${siteConfig.name} Support`);
  return lines.join("\n");
}

/** The tool: a support reply draft. */
export const draftReplyTool: Tool<z.infer<typeof args>, { reply: string }> = {
  name: "draft_reply",
  description:
    "Draft a reply to a support ticket from its category, priority, sentiment and the docs pages that help.",
  args,
  run: (facts) => Promise.resolve({ reply: draftReply(facts) }),
};
