/**
 * The docs assistant's offline answer: extractive and sentence-level. It quotes, in order, the
 * sentences of the best section that hold most of the question's telling words, adds a
 * sentence from the next section when it says something the first does not, shows the first
 * section's short code block when the question asks how to do something, and numbers every
 * quote with its source. When no section holds enough of the question's telling words it says
 * plainly that the docs do not cover it.
 */
import type { Passage } from "../../docs/passages.ts";
import { siteConfig } from "../../site_config.ts";
import type { DocCitation } from "../tools/search_docs.ts";

/**
 * The decision thresholds of the offline answer. `deno task eval:calibrate` grades a grid of
 * them on the eval's main docs cases (a wrong answer costs more than an honest "not in the
 * docs"; then more passed checks, then stricter); the values below are its best point.
 */
export interface AnswerThresholds {
  /** Below this share of the question's weighted words, a section does not answer it. */
  minCoverage: number;
  /** A quoted section's share and its best quoted sentence's share must add up to this. */
  minEvidence: number;
  /** A sentence of the second or third section is quoted when it holds this share of the best, */
  otherSectionShare: number;
  /** ...and at least this share of the question on its own, */
  minOtherSentence: number;
  /** ...from a section covering at least this share of the question. */
  minOtherCoverage: number;
}

/** The thresholds the docs assistant uses. */
export const THRESHOLDS: AnswerThresholds = {
  minCoverage: 0.45,
  minEvidence: 0.8,
  otherSectionShare: 0.8,
  minOtherSentence: 0.35,
  minOtherCoverage: 0.3,
};
/** How the paragraph saying that the docs do not cover a question begins. */
export const NOT_IN_DOCS = `The ${siteConfig.name} docs do not cover this`;

/** True when a docs assistant answer says the docs do not cover the question. */
export function isNotInDocs(output: string): boolean {
  return output.split("\n").some((line) => line.startsWith(NOT_IN_DOCS));
}
const MAX_CHARS = 600;
/** A how-to question gets the section's code block when the section covers this much of it. */
const CODE_SECTION_COVERAGE = 0.8;
const PROCEDURAL =
  /^\s*(?:how|which|what)\b.*\b(?:do|does|can|should|command|run|start|set|use)\b/i;

interface Quote extends Passage {
  source: number;
}

function words(text: string): Set<string> {
  return new Set(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
}

function similar(a: string, b: string): boolean {
  const wa = words(a);
  const wb = words(b);
  const shared = [...wa].filter((w) => wb.has(w)).length;
  return shared / Math.max(1, Math.min(wa.size, wb.size)) > 0.7;
}

const best = (r: DocCitation) => Math.max(0, ...r.passages.map((p) => p.relevance));

/**
 * The sentences to quote: the first section's strongest, in order, then the best sentence of
 * each of the next two sections that is nearly as strong and says something new.
 */
function choose(results: DocCitation[], t: AnswerThresholds): Quote[] {
  const first = results[0];
  const top = best(first);
  const quotes: Quote[] = [];
  let chars = 0;
  const whole = first.passages.reduce((n, p) => n + p.text.length, 0) <= MAX_CHARS &&
    first.passages.length <= 4;
  for (const p of first.passages) {
    if ((!whole && p.relevance < top / 2) || chars + p.text.length > MAX_CHARS) continue;
    quotes.push({ ...p, source: 0 });
    chars += p.text.length;
  }
  for (const [i, r] of results.slice(1, 3).entries()) {
    const p = r.passages.filter((x) => /^\P{Ll}/u.test(x.text) && !x.text.endsWith(":"))
      .toSorted((a, b) => b.relevance - a.relevance)[0];
    if (!p || p.relevance < Math.max(top * t.otherSectionShare, t.minOtherSentence)) continue;
    if (r.coverage < t.minOtherCoverage) continue;
    if (chars + p.text.length > MAX_CHARS + 200) continue;
    if (quotes.some((q) => similar(q.text, p.text))) continue;
    quotes.push({ ...p, source: i + 1 });
    chars += p.text.length;
  }
  return quotes;
}

function sentence(text: string): string {
  const t = text.trim();
  return /[.!?:]$/.test(t) ? t : `${t}.`;
}

/**
 * The honest answer when the docs do not cover a question. It always opens with
 * `NOT_IN_DOCS`, so `isNotInDocs` recognises a finished run's answer as unanswered.
 */
function notInDocs(question: string, results: DocCitation[], unmentioned: string[]): string {
  const near = results.slice(0, 2).map((r) => `[${r.title} › ${r.section}](${r.url})`);
  const names = unmentioned.map((n) => `"${n}"`).join(" and ");
  return [
    `${NOT_IN_DOCS}: ${
      names ? `they never mention ${names}` : `no section answers "${question.trim()}"`
    }.`,
    names
      ? ""
      : near.length
      ? `The closest sections, ${near.join(" and ")}, are about something else.`
      : "Nothing in them comes close.",
    "Try other words, browse the docs at /docs, or ask our team through the contact page.",
  ].filter(Boolean).join(" ");
}

/** The answer the offline engine gives from the sections found. */
export function answerFromDocs(
  question: string,
  results: DocCitation[],
  unmentioned: string[] = [],
  t: AnswerThresholds = THRESHOLDS,
): string {
  if (unmentioned.length) return notInDocs(question, results, unmentioned);
  const quotes = results[0]?.passages.length ? choose(results, t) : [];
  const codeRelevance = results[0]?.code ? results[0].codeRelevance : 0;
  const sources = [...new Set(quotes.map((q) => q.source))];
  const coverage = Math.max(0, ...sources.map((i) => results[i].coverage));
  const evidence = Math.max(
    0,
    ...sources.map((i) =>
      results[i].coverage +
      Math.max(
        i === 0 ? codeRelevance : 0,
        ...quotes.filter((q) => q.source === i).map((q) => q.relevance),
      )
    ),
  );
  if (!quotes.length || coverage < t.minCoverage || evidence < t.minEvidence) {
    return notInDocs(question, results, []);
  }
  const numbers = new Map<number, number>();
  const cite = (source: number) => {
    if (!numbers.has(source)) numbers.set(source, numbers.size + 1);
    return numbers.get(source)!;
  };
  const bestQuote = Math.max(0, ...quotes.map((q) => q.relevance));
  const codeFirst = !!results[0].code && (codeRelevance > bestQuote ||
    (PROCEDURAL.test(question) && results[0].coverage >= CODE_SECTION_COVERAGE));
  const codeBlock = codeFirst ? ["```", results[0].code ?? "", "```"] : [];
  const kept = codeFirst
    ? quotes.filter((q) => q.relevance >= codeRelevance / 2)
      .map((q) => ({ ...q, text: q.text.replace(/:$/, ".") }))
    : quotes;
  const lines: string[] = [];
  if (codeFirst) lines.push(`From the docs [${cite(0)}]:`, "", ...codeBlock, "");
  const prose: string[] = [];
  kept.forEach((q, i) => {
    prose.push(sentence(q.text));
    if (kept[i + 1]?.source !== q.source) prose.push(`[${cite(q.source)}]`);
  });
  if (prose.length) lines.push(prose.join(" "));
  if (lines.at(-1) === "") lines.pop();
  lines.push("", "Sources:");
  for (const [source, n] of numbers) {
    const r = results[source];
    lines.push(`[${n}] [${r.title} › ${r.section}](${r.url})`);
  }
  return lines.join("\n");
}
