/** The lead qualifier: firmographics, fit against the ideal-customer profile, a follow-up. */
import { z } from "zod";
import { text } from "../../validation/text.ts";
import { draftFollowUpTool, type EmailDraft } from "../tools/draft_follow_up.ts";
import { extractFirmographicsTool, type Firmographics } from "../tools/extract_firmographics.ts";
import { type CompanyPage, fetchCompanyPageTool } from "../tools/fetch_company_page.ts";
import { type FitScore, scoreIcpFitTool } from "../tools/score_icp_fit.ts";
import type { AgentDefinition } from "../types.ts";
import { quoteUntrusted, UNTRUSTED_CONTENT_RULE } from "../../security/content/mod.ts";
import { documentText, type ReadDocument, readUpload, uploadSchema } from "./lead_document.ts";

const input = z.object({
  company: text().trim().max(200).optional().describe("Company name, when known"),
  text: text().trim().max(20_000).default("")
    .describe("A company description, website copy or pasted notes"),
  website: z.string().trim().max(300).regex(/^https?:\/\/[^\s/$.?#][^\s]*$/i, {
    message: "The website must be an http(s) URL",
  }).optional().describe("The company's website URL; the agent reads it through the fetch guard"),
  document: uploadSchema.optional()
    .describe("An uploaded txt, md, csv or pdf file (base64) to read instead of, or besides, text"),
}).refine((v) => v.text.length >= 20 || v.document, {
  message: "Describe the company in at least 20 characters, or attach a document",
  path: ["text"],
});

/** Input of the lead qualifier. */
export type LeadInput = z.infer<typeof input>;

/** The lead qualifier's input once its document is checked and read. */
export type LeadReady = Omit<LeadInput, "document"> & { document?: ReadDocument };

function fmt(value: string | number | null, suffix = ""): string {
  return value === null ? "not stated" : `${value}${suffix}`;
}

/** The line of the reasons that cites the company page read (or says why it could not be). */
export function pageReason(page: CompanyPage): string {
  return page.ok
    ? `Read ${page.url}${page.title ? ` ("${page.title}")` : ""}`
    : `Could not read ${page.url}: ${page.message}`;
}

/** The text the firmographics come from: the description, then what the company page says. */
export function qualifierText(description: string, page?: CompanyPage): string {
  if (!page?.ok) return description;
  return [description, page.title, page.description, page.text].filter(Boolean).join("\n");
}

/** The first part of the offline report: the firmographics found. */
export function firmographicsText(facts: Firmographics, website?: string): string {
  return [
    "Firmographics",
    ...(website ? [`- Website: ${website}`] : []),
    `- Industry: ${fmt(facts.industry)}`,
    `- Employees: ${fmt(facts.employees)}`,
    `- Revenue: ${
      facts.revenue
        ? `${facts.revenue.amount.toLocaleString("en-US")} ${facts.revenue.currency}`
        : "not stated"
    }`,
    `- Location: ${facts.location ? `${facts.location} (${facts.region})` : "not stated"}`,
    `- Funding: ${fmt(facts.funding)}`,
    `- Tools: ${facts.tools.length ? facts.tools.join(", ") : "none mentioned"}`,
  ].join("\n");
}

/** The rest of the offline report: the verdict with its reasons, and the follow-up email. */
export function fitText(
  facts: Firmographics,
  fit: FitScore,
  email: EmailDraft,
  page?: CompanyPage,
): string {
  const lines = [
    `${facts.company ?? "This company"}: ${fit.verdict} (${fit.score}/100)`,
    "",
    "Why this score",
    ...(page ? [`- ${pageReason(page)}`] : []),
    ...fit.reasons.map((r) => `- ${r}`),
  ];
  if (fit.unknowns.length) lines.push(`- Unknown: ${fit.unknowns.join(", ")}`);
  lines.push("", "Follow-up email", `Subject: ${email.subject}`, "", email.body);
  return lines.join("\n");
}

/** The lead qualifier. */
export const leadQualifier: AgentDefinition<LeadInput, LeadReady> = {
  id: "lead-qualifier",
  title: "Lead qualifier",
  description:
    "Reads a company description, document or website, extracts firmographics, scores fit against the ideal-customer profile with reasons, and drafts a follow-up email.",
  input,
  async prepare({ document, ...rest }, settings) {
    return document ? { ...rest, document: await readUpload(document, settings) } : rest;
  },
  systemPrompt: [
    "You are a sales development assistant qualifying inbound leads.",
    "0. When a website is given, call fetch_company_page with it; if it was read, add its text to what you extract from and cite the page URL in your reasons; if not, say why.",
    "1. Call extract_firmographics on the text. 2. Call score_icp_fit with the industry, employees, region and signals found.",
    "3. Call draft_follow_up with the company, industry, verdict, signals and unknowns.",
    "Then report: the company and verdict with score, the firmographics, the reasons, and the email draft.",
    "Never invent facts the text does not state.",
    UNTRUSTED_CONTENT_RULE,
  ].join("\n"),
  userMessage: (v) =>
    [
      v.company ? `Company: ${quoteUntrusted(v.company).text}` : "",
      v.website ? `Website: ${quoteUntrusted(v.website).text}` : "",
      "Company description:",
      quoteUntrusted(documentText(v), { source: v.document?.name }).text,
    ].filter(Boolean).join("\n"),
  tools: [fetchCompanyPageTool, extractFirmographicsTool, scoreIcpFitTool, draftFollowUpTool],
  fields: [
    { name: "company", label: "Company name (optional)", multiline: false, required: false },
    {
      name: "text",
      label: "Company description",
      multiline: true,
      required: true,
      placeholder: "Paste what the prospect wrote, or their website's About page",
    },
    {
      name: "website",
      label: "Company website (optional)",
      multiline: false,
      required: false,
      kind: "url",
      placeholder: "https://",
    },
    {
      name: "document",
      label: "Document (optional: txt, md, csv or pdf, up to 2 MB)",
      multiline: false,
      required: false,
      kind: "file",
      accept: ".txt,.md,.csv,.pdf,text/plain,text/markdown,text/csv,application/pdf",
    },
  ],
  example: {
    company: "Northwind Freight",
    text:
      "Northwind Freight is a logistics company based in Chicago with about 400 employees and $60M in annual revenue. We run a fleet of 900 trucks and our support team handles 3,000 tickets a month in Zendesk. We want to automate ticket triage and qualify inbound leads faster. Series B funded.",
  },
  samples: [
    {
      label: "Logistics, strong fit",
      input: {
        company: "Northwind Freight",
        text:
          "Northwind Freight is a logistics company based in Chicago with about 400 employees and $60M in annual revenue. We run a fleet of 900 trucks and our support team handles 3,000 tickets a month in Zendesk. We want to automate ticket triage and qualify inbound leads faster. Series B funded.",
      },
    },
    {
      label: "Fintech startup",
      input: {
        text:
          "Ledgerly is a fintech startup in Berlin building payments software for freelancers. We are a team of 35 people, seed funded, and hiring. Our docs and knowledge base are growing fast and we use HubSpot as our CRM.",
      },
    },
    {
      label: "Local bakery",
      input: {
        company: "Crumb & Co",
        text:
          "Crumb & Co is a family bakery in Sydney with 6 staff. We sell bread and pastries in two shops and would like a nicer website.",
      },
    },
  ],
  async offline(v, { callTool, say }) {
    const page = v.website
      ? await callTool("fetch_company_page", { url: v.website }) as CompanyPage
      : undefined;
    const facts = await callTool("extract_firmographics", {
      text: qualifierText(documentText(v), page).slice(0, 20_000),
      ...(v.company ? { company: v.company } : {}),
    }) as Firmographics;
    await say(`${firmographicsText(facts, v.website)}\n\n`);
    const fit = await callTool("score_icp_fit", {
      industry: facts.industry,
      employees: facts.employees,
      region: facts.region,
      signals: facts.signals,
    }) as FitScore;
    const email = await callTool("draft_follow_up", {
      company: facts.company,
      industry: facts.industry,
      verdict: fit.verdict,
      signals: facts.signals,
      unknowns: fit.unknowns,
    }) as EmailDraft;
    return fitText(facts, fit, email, page);
  },
};
