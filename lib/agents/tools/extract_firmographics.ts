/** `extract_firmographics`: company facts from free text (name, industry, size, region...). */
import { z } from "zod";
import { gazetteer, type Place, placeKey } from "../nlp/gazetteer.ts";
import { isCommonWord, numbersAsDigits } from "../nlp/words.ts";
import type { Tool } from "../types.ts";
import { INDUSTRY_WORDS, SIGNAL_WORDS, TOOLS } from "./firmographics_lexicon.ts";
import { hasPhrase, matchedPhrases } from "./text_match.ts";

const args = z.object({
  text: z.string().min(1).max(20_000).describe("Company description, website text or notes"),
  company: z.string().max(200).optional().describe("Company name, when known"),
});

/** An amount of money in a currency (ISO 4217 code). */
export interface Money {
  amount: number;
  currency: string;
}

/** What the extraction found; `null` means the text did not say. */
export interface Firmographics {
  company: string | null;
  industry: string | null;
  employees: number | null;
  revenue: Money | null;
  location: string | null;
  region: string | null;
  funding: string | null;
  tools: string[];
  signals: string[];
}

const NUMBER = String.raw`(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(k|thousand)?\+?`;
const ABOUT = String.raw`(?:about|around|roughly|nearly|almost|over|more than|some|~)?\s*`;
const PEOPLE = String
  .raw`(?:full[- ]time\s+)?(?:employees|people|persons?|staff|workers|engineers|team members|FTEs?|strong)\b`;
const EMPLOYEES = [
  new RegExp(String.raw`\b${NUMBER}[\s-]*${PEOPLE}`, "i"),
  new RegExp(String.raw`\b(?:team|headcount|staff|crew|workforce) of\s*${ABOUT}${NUMBER}`, "i"),
  new RegExp(String.raw`\b(?:employs|employing|employ)\s*${ABOUT}${NUMBER}`, "i"),
  new RegExp(
    String.raw`\b(?:employees|headcount|staff|team size)\s*(?:is|of|[:=])\s*${ABOUT}${NUMBER}`,
    "i",
  ),
];
const CURRENCY: Record<string, string> = { "$": "USD", "€": "EUR", "£": "GBP" };
const MONEY = new RegExp(
  String
    .raw`(?:(US\$|\$|€|£|USD|EUR|GBP)\s?(\d+(?:[.,]\d+)?)\s*(k|thousand|m|mm|million|bn|b|billion)?\b|\b(\d+(?:\.\d+)?)\s*(k|thousand|m|million|bn|billion)?\s*(dollars|euros|pounds)\b)`,
  "gi",
);
const REVENUE_WORDS = /\b(?:revenue|arr|sales|turnover|bookings)\b/i;
const FUNDING = /\b(pre-seed|seed|series [a-f]|bootstrapped|publicly traded|ipo)\b/i;
const NAME_PATTERNS = [
  /^\s*(\p{Lu}[\p{L}\p{N}&.'-]*(?:\s+(?:&\s+)?\p{Lu}[\p{L}\p{N}&.'-]*){0,3})\s+(?:is|are|was|builds|makes|runs|sells|operates|provides|looks)\b/u,
  /\b(?:company|at|join)\s*:?\s+(\p{Lu}[\p{L}\p{N}&.'-]*(?:\s+\p{Lu}[\p{L}\p{N}&.'-]*){0,2})(?![\p{L}\p{N}])/u,
];
const PLACE_CUE =
  /(?:\b(?:in|from|near|across|around|of|out of|based in|headquartered in|located in|offices? in|hq in)\s+|,\s*)$/i;
const HQ_CUE = /\b(?:based in|headquartered in|hq in|head office in)\s+$/i;
const CUSTOMER_CUE = /\b(?:for|to|serving|serves|helping)\s+(?:\S+\s+){0,2}$/i;

function parseNumber(digits: string, suffix?: string): number {
  const n = Number(digits.replace(/,/g, ""));
  return Math.round(suffix ? n * 1000 : n);
}

function employeesOf(text: string): number | null {
  for (const re of EMPLOYEES) {
    const m = text.match(re);
    if (m) return parseNumber(m[1], m[2]);
  }
  return null;
}

const SCALE: Record<string, number> = {
  k: 1e3,
  thousand: 1e3,
  m: 1e6,
  mm: 1e6,
  million: 1e6,
  b: 1e9,
  bn: 1e9,
  billion: 1e9,
};

function revenueOf(text: string): Money | null {
  for (const sentence of text.split(/(?<=[.!?;])\s+/)) {
    if (!REVENUE_WORDS.test(sentence)) continue;
    for (const m of sentence.matchAll(MONEY)) {
      const symbol = m[1] ?? m[6];
      const amount = Number((m[2] ?? m[4]).replace(",", "."));
      const scale = SCALE[(m[3] ?? m[5] ?? "").toLowerCase()] ?? 1;
      const currency = CURRENCY[symbol === "US$" ? "$" : symbol] ??
        ({ dollars: "USD", euros: "EUR", pounds: "GBP" } as Record<string, string>)[
          symbol.toLowerCase()
        ] ?? symbol.toUpperCase();
      if (amount > 0) return { amount: Math.round(amount * scale), currency };
    }
  }
  return null;
}

/** The industry whose words the text uses most; words about customers ("for dentists") count half. */
function industryOf(text: string): string | null {
  let best: string | null = null;
  let bestScore = 0;
  for (const [industry, words] of Object.entries(INDUSTRY_WORDS)) {
    let score = 0;
    for (const w of words) {
      const re = new RegExp(
        String.raw`(?<![\p{L}\p{N}-])${escape(w)}(?:s|es)?(?![\p{L}\p{N}-])`,
        "giu",
      );
      for (const m of text.matchAll(re)) {
        const weight = w.includes(" ") ? 2 : 1;
        score += CUSTOMER_CUE.test(text.slice(Math.max(0, m.index! - 40), m.index!))
          ? weight / 2
          : weight;
      }
    }
    if (score > bestScore) [best, bestScore] = [industry, score];
  }
  return best;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

const RANK: Record<Place["kind"], number> = { city: 0, country: 1, region: 2, demonym: 3 };

/** Where the company is: a headquarters cue first, then the first city, country or region. */
async function placeOf(text: string): Promise<{ location: string | null; region: string | null }> {
  const g = await gazetteer();
  const words = [...text.matchAll(/[\p{L}][\p{L}.'’]*(?:-[\p{L}]+)*/gu)];
  const found: { place: Place; at: number; hq: boolean }[] = [];
  for (let i = 0; i < words.length; i++) {
    for (let n = Math.min(g.maxWords, words.length - i); n >= 1; n--) {
      const start = words[i].index!;
      const last = words[i + n - 1];
      const raw = text.slice(start, last.index! + last[0].length);
      if (/[.!?;:]\s/.test(raw)) continue;
      const phrase = raw.replace(/-based$/i, "").replace(/[.’']+$/, "");
      const place = g.byName.get(placeKey(phrase));
      if (!place) continue;
      const before = text.slice(Math.max(0, start - 30), start);
      const capital = /^\p{Lu}/u.test(phrase);
      if (place.kind !== "region" && !capital) continue;
      const cue = PLACE_CUE.test(before) || /-based$/i.test(raw);
      if (n === 1 && !cue && await isCommonWord(phrase)) continue;
      found.push({ place, at: start, hq: HQ_CUE.test(before) || /-based$/i.test(raw) });
      i += n - 1;
      break;
    }
  }
  if (!found.length) return { location: null, region: null };
  found.sort((a, b) =>
    Number(b.hq) - Number(a.hq) || RANK[a.place.kind] - RANK[b.place.kind] || a.at - b.at
  );
  const best = found[0].place;
  return { location: best.kind === "region" ? null : best.name, region: best.region };
}

function companyOf(text: string, given?: string): string | null {
  if (given?.trim()) return given.trim();
  for (const re of NAME_PATTERNS) {
    const m = text.match(re);
    if (m && !/^(We|Our|The|This|They|It|I|An?|Hi|Tiny)$/.test(m[1])) return m[1].trim();
  }
  return null;
}

/** The signals of `signals` (from the ideal-customer profile) that `text` shows. */
export function signalsOf(text: string, signals: readonly string[]): string[] {
  return signals.filter((s) =>
    hasPhrase(text, s) || matchedPhrases(text, SIGNAL_WORDS[s] ?? []).length > 0
  );
}

/** Hyphenated sizes ("400-person", "1,200-strong") read as plain numbers of people. */
function normalizeSizes(text: string): string {
  return text.replace(/(\d[\d,.]*|\b[a-z]+)-(person|people|employee|staff|strong)\b/gi, "$1 $2");
}

/** Extracts firmographics from free text; deterministic. */
export async function extractFirmographics(
  text: string,
  signals: readonly string[],
  company?: string,
): Promise<Firmographics> {
  const plain = await numbersAsDigits(normalizeSizes(text));
  const funding = text.match(FUNDING)?.[1] ?? null;
  return {
    company: companyOf(text, company),
    industry: industryOf(text),
    employees: employeesOf(plain),
    revenue: revenueOf(plain),
    ...await placeOf(text),
    funding: funding ? funding.toLowerCase() : null,
    tools: matchedPhrases(text, TOOLS),
    signals: signalsOf(text, signals),
  };
}

/** The tool: firmographics of a company description. */
export const extractFirmographicsTool: Tool<z.infer<typeof args>, Firmographics> = {
  name: "extract_firmographics",
  description:
    "Extract firmographics from a company description: name, industry, employees, revenue (amount and currency), location and region, funding, tools used and buying signals. Fields the text does not state are null.",
  args,
  run: ({ text, company }, env) => extractFirmographics(text, env.settings.icp.signals, company),
};
