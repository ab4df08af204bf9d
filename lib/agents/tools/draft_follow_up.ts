/** `draft_follow_up`: a templated follow-up email to a lead, built from facts and fit. */
import { z } from "zod";
import { siteConfig } from "../../site_config.ts";
import type { Tool } from "../types.ts";

const args = z.object({
  company: z.string().max(200).nullable().optional(),
  industry: z.string().max(100).nullable().optional(),
  verdict: z.enum(["strong fit", "possible fit", "poor fit"]),
  signals: z.array(z.string().max(100)).max(20).optional(),
  unknowns: z.array(z.string().max(100)).max(10).optional(),
});

/** A drafted email. */
export interface EmailDraft {
  subject: string;
  body: string;
}

const PITCH: Record<string, string> = {
  "support volume": "our support agent triages every ticket and drafts the reply in seconds",
  "lead qualification": "our sales agent scores every inbound lead against your ideal profile",
  automation: "our agents take the repetitive steps off your team's plate",
  documentation: "our knowledge agent answers questions from your docs, with citations",
  crm: "results flow into your CRM through webhooks",
  hiring: "agents absorb the load while you hire",
};

const ASK: Record<string, string> = {
  industry: "which market you serve",
  "company size": "roughly how large the team is",
  region: "where your customers are",
};

/** Drafts the follow-up email; pure and deterministic. */
export function draftFollowUp(facts: z.infer<typeof args>): EmailDraft {
  const name = facts.company ?? "your team";
  const points = (facts.signals ?? []).map((s) => PITCH[s]).filter(Boolean).slice(0, 2);
  const asks = (facts.unknowns ?? []).map((u) => ASK[u]).filter(Boolean);
  const lines = [`Hi ${facts.company ? `${facts.company} team` : "there"},`, ""];
  if (facts.verdict === "poor fit") {
    lines.push(
      `Thanks for your interest in ${siteConfig.name}. From what you shared, our hosted plans may not be the best match for ${name} today, but the Free plan lets you try every agent on your own data at no cost.`,
    );
  } else {
    lines.push(
      `Thanks for reaching out about ${siteConfig.name}${
        facts.industry ? ` for ${name}'s ${facts.industry} work` : ""
      }.`,
    );
    if (points.length) lines.push("", `Based on what you described, ${points.join(", and ")}.`);
    lines.push(
      "",
      facts.verdict === "strong fit"
        ? "Would a 30-minute call this week suit you? We can run the agents on a sample of your own data."
        : "If it helps, we can set up a short trial on a sample of your own data.",
    );
  }
  if (asks.length) {
    lines.push("", `To tailor the next step, could you tell us ${asks.join(" and ")}?`);
  }
  lines.push("", "Best regards,", `The ${siteConfig.name} team`, siteConfig.contact.salesEmail);
  return {
    subject: facts.verdict === "poor fit"
      ? `Trying ${siteConfig.name} for ${name}`
      : `${siteConfig.name} for ${name}: next steps`,
    body: lines.join("\n"),
  };
}

/** The tool: a follow-up email draft. */
export const draftFollowUpTool: Tool<z.infer<typeof args>, EmailDraft> = {
  name: "draft_follow_up",
  description:
    "Draft a short follow-up email to a lead from its company name, industry, fit verdict, buying signals and unknowns.",
  args,
  run: (facts) => Promise.resolve(draftFollowUp(facts)),
};
