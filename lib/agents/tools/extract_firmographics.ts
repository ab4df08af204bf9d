/** `extract_firmographics`: company facts from free text (name, industry, size, region...). */
import { z } from "zod";
import type { Tool } from "../types.ts";
import { INDUSTRY_WORDS, PLACE_REGIONS, SIGNAL_WORDS, TOOLS } from "./firmographics_lexicon.ts";
import { hasPhrase, matchedPhrases } from "./text_match.ts";

const args = z.object({
  text: z.string().min(1).max(20_000).describe("Company description, website text or notes"),
  company: z.string().max(200).optional().describe("Company name, when known"),
});

/** What the extraction found; `null` means the text did not say. */
export interface Firmographics {
  company: string | null;
  industry: string | null;
  employees: number | null;
  revenueUsd: number | null;
  location: string | null;
  region: string | null;
  funding: string | null;
  tools: string[];
  signals: string[];
}

const NUMBER = String.raw`(\d{1,3}(?:[,.]\d{3})+|\d+(?:\.\d+)?)\s*(k|thousand)?\+?`;
const EMPLOYEES = [
  new RegExp(
    `${NUMBER}\\s*(?:full[- ]time\\s+)?(?:employees|people|staff|team members|FTEs?)`,
    "i",
  ),
  new RegExp(`(?:team|headcount|staff) of\\s*(?:about|around|roughly|~)?\\s*${NUMBER}`, "i"),
  new RegExp(`(?:employs|employing)\\s*(?:about|around|over|roughly)?\\s*${NUMBER}`, "i"),
  new RegExp(`(?:employees|headcount|staff|team size)\\s*[:=]\\s*${NUMBER}`, "i"),
];
const REVENUE = new RegExp(
  String
    .raw`\$\s?(\d+(?:\.\d+)?)\s*(k|m|mm|million|b|bn|billion)?\s*(?:in\s+)?(?:of\s+)?(?:arr|revenue|annual revenue|in sales|turnover)`,
  "i",
);
const FUNDING = /\b(pre-seed|seed|series [a-f]|bootstrapped|publicly traded|ipo)\b/i;
const NAME_PATTERNS = [
  /^\s*([A-Z][\w&.'-]*(?:\s+[A-Z][\w&.'-]*){0,3})\s+(?:is|are|was|builds|makes|runs|sells|operates|provides)\b/,
  /\b(?:company|at|from|join)\s*:?\s+([A-Z][\w&.'-]*(?:\s+[A-Z][\w&.'-]*){0,2})\b/,
];

function parseNumber(digits: string, suffix?: string): number {
  const plain = /^\d{1,3}([,.]\d{3})+$/.test(digits) ? digits.replace(/[,.]/g, "") : digits;
  const n = Number(plain);
  return suffix ? Math.round(n * 1000) : Math.round(n);
}

function employeesOf(text: string): number | null {
  for (const re of EMPLOYEES) {
    const m = text.match(re);
    if (m) return parseNumber(m[1], m[2]);
  }
  return null;
}

function revenueOf(text: string): number | null {
  const m = text.match(REVENUE);
  if (!m) return null;
  const unit = (m[2] ?? "").toLowerCase();
  const scale = unit === "k" ? 1e3 : ["m", "mm", "million"].includes(unit) ? 1e6 : unit ? 1e9 : 1;
  return Math.round(Number(m[1]) * scale);
}

function industryOf(text: string): string | null {
  let best: string | null = null;
  let bestCount = 0;
  for (const [industry, words] of Object.entries(INDUSTRY_WORDS)) {
    const count = matchedPhrases(text, words).length;
    if (count > bestCount) [best, bestCount] = [industry, count];
  }
  return best;
}

function placeOf(text: string): { location: string | null; region: string | null } {
  let first: { at: number; place: string } | null = null;
  for (const place of Object.keys(PLACE_REGIONS)) {
    if (!hasPhrase(text, place)) continue;
    const at = text.toLowerCase().indexOf(place);
    if (!first || at < first.at) first = { at, place };
  }
  if (!first) return { location: null, region: null };
  const original = text.slice(first.at, first.at + first.place.length);
  return { location: original, region: PLACE_REGIONS[first.place] };
}

function companyOf(text: string, given?: string): string | null {
  if (given?.trim()) return given.trim();
  for (const re of NAME_PATTERNS) {
    const m = text.match(re);
    if (m && !/^(We|Our|The|This|They|It|I)$/.test(m[1])) return m[1].trim();
  }
  return null;
}

/** The signals of `signals` (from the ideal-customer profile) that `text` shows. */
export function signalsOf(text: string, signals: readonly string[]): string[] {
  return signals.filter((s) =>
    hasPhrase(text, s) || matchedPhrases(text, SIGNAL_WORDS[s] ?? []).length > 0
  );
}

/** Extracts firmographics from free text; pure and deterministic. */
export function extractFirmographics(
  text: string,
  signals: readonly string[],
  company?: string,
): Firmographics {
  const funding = text.match(FUNDING)?.[1] ?? null;
  return {
    company: companyOf(text, company),
    industry: industryOf(text),
    employees: employeesOf(text),
    revenueUsd: revenueOf(text),
    ...placeOf(text),
    funding: funding ? funding.toLowerCase() : null,
    tools: matchedPhrases(text, TOOLS),
    signals: signalsOf(text, signals),
  };
}

/** The tool: firmographics of a company description. */
export const extractFirmographicsTool: Tool<z.infer<typeof args>, Firmographics> = {
  name: "extract_firmographics",
  description:
    "Extract firmographics from a company description: name, industry, employees, revenue, location and region, funding, tools used and buying signals. Fields the text does not state are null.",
  args,
  run: ({ text, company }, env) =>
    Promise.resolve(extractFirmographics(text, env.settings.icp.signals, company)),
};
