/**
 * The docs assistant's offline answer: extractive and sentence-level. It quotes the sentences
 * of the found sections that best match the question, each followed by the number of its
 * source, adds the first section's short code block when the question asks how to do
 * something, and lists the sources as links. When no section holds enough of the question's
 * telling words it says plainly that the docs do not cover it.
 */
import type { Passage } from "../../docs/passages.ts";
import { siteConfig } from "../../site_config.ts";
import type { DocCitation } from "../tools/search_docs.ts";

/** Below this share of the question's weighted words, a section does not answer it. */
export const MIN_COVERAGE = 0.45;
/** The best section's share and its best sentence's share must add up to at least this. */
export const MIN_EVIDENCE = 0.8;
const MAX_SENTENCES = 3;
const MAX_CHARS = 600;
const PROCEDURAL =
  /^\s*(?:how|which|what)\b.*\b(?:do|does|can|should|command|run|start|set|use)\b/i;

interface Candidate extends Passage {
  source: number;
  score: number;
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

/** The sentences to quote, best first: the best one, then others nearly as good. */
function choose(results: DocCitation[]): Candidate[] {
  const candidates = results.slice(0, 3).flatMap((r, source) =>
    r.passages.map((p) => ({
      ...p,
      source,
      score: p.relevance * (1 - 0.1 * source) + 0.25 * r.coverage,
    }))
  ).sort((a, b) => b.score - a.score || a.source - b.source);
  const chosen: Candidate[] = [];
  let chars = 0;
  for (const c of candidates) {
    if (chosen.length >= MAX_SENTENCES) break;
    if (chosen.length && (c.score < 0.6 * chosen[0].score || chars + c.text.length > MAX_CHARS)) {
      continue;
    }
    if (chosen.some((x) => similar(x.text, c.text))) continue;
    chosen.push(c);
    chars += c.text.length;
  }
  return chosen;
}

function sentence(text: string): string {
  const t = text.trim();
  return /[.!?:]$/.test(t) ? t : `${t}.`;
}

/** The answer the offline engine gives from the sections found. */
export function answerFromDocs(question: string, results: DocCitation[]): string {
  const best = results[0];
  const chosen = best ? choose(results) : [];
  const coverage = Math.max(0, ...results.slice(0, 3).map((r) => r.coverage));
  const answered = chosen.length > 0 && coverage >= MIN_COVERAGE &&
    coverage + chosen[0].relevance >= MIN_EVIDENCE;
  if (!answered) {
    const near = results.slice(0, 2).map((r) => `[${r.title} › ${r.section}](${r.url})`);
    return [
      `The ${siteConfig.name} docs do not cover this: no section answers "${question.trim()}".`,
      near.length
        ? `The closest sections, ${near.join(" and ")}, are about something else.`
        : "Nothing in them comes close.",
      "Try other words, browse the docs at /docs, or ask our team through the contact page.",
    ].join(" ");
  }
  const numbers = new Map<number, number>();
  const cite = (source: number) => {
    if (!numbers.has(source)) numbers.set(source, numbers.size + 1);
    return numbers.get(source)!;
  };
  const prose = chosen.map((c) => `${sentence(c.text)} [${cite(c.source)}]`).join(" ");
  const lines = [prose];
  const first = results[chosen[0].source];
  if (first.code && PROCEDURAL.test(question)) {
    lines.push("", "```sh", first.code, "```");
  }
  lines.push("", "Sources:");
  for (const [source, n] of numbers) {
    const r = results[source];
    lines.push(`[${n}] [${r.title} › ${r.section}](${r.url})`);
  }
  return lines.join("\n");
}
