/**
 * The sentences of a docs section ranked for a question: what the docs assistant quotes. A
 * sentence's relevance is the share of the question's words it contains, each weighted by how
 * telling the word is across the docs (inverse document frequency), so a sentence that holds
 * the rare words of the question ranks above one that only repeats the common ones. The docs'
 * word for a visitor's word (`synonyms.ts`) counts as that word.
 */
import { analyze } from "./analyze.ts";
import type { DocBlock } from "./markdown.ts";
import { docsSearchIndex, type SearchIndex } from "./search.ts";
import { getDocsSite } from "./store.ts";
import { synonymTerms } from "./synonyms.ts";

/** A quotable piece of a section. */
export interface Passage {
  text: string;
  kind: DocBlock["kind"];
  /** 0-1: the weighted share of the question's words this passage contains. */
  relevance: number;
}

/** What a section offers for a question. */
export interface SectionPassages {
  /** The best passages, in the section's order. */
  passages: Passage[];
  /** 0-1: the weighted share of the question's words found anywhere in the section. */
  coverage: number;
  /** The section's short code block that best matches the question, when it has one. */
  code: string | null;
  /** 0-1: the weighted share of the question's words in that code block (comments count). */
  codeRelevance: number;
}

const ABBREVIATION = /\b(?:e\.g|i\.e|etc|vs|cf)\.$/i;
const MAX_CODE_LINES = 6;

/** Splits prose into sentences (keeping abbreviations such as "e.g." inside). */
export function splitSentences(text: string): string[] {
  const flat = text.replace(/\s+/g, " ").trim();
  const out: string[] = [];
  let start = 0;
  for (const m of flat.matchAll(/[.!?](?=\s+[A-Z0-9"'(`])/g)) {
    const end = m.index! + 1;
    if (ABBREVIATION.test(flat.slice(start, end))) continue;
    out.push(flat.slice(start, end).trim());
    start = end;
  }
  const tail = flat.slice(start).trim();
  if (tail) out.push(tail);
  return out.filter((s) => /\p{L}/u.test(s));
}

/** Scores texts against a question's terms, weighted by the index. */
export function relevanceScorer(index: SearchIndex, question: string): (text: string) => number {
  const terms = [...new Set(analyze(question))];
  const weights = terms.map((t) => index.termWeight(t));
  const total = weights.reduce((a, b) => a + b, 0);
  const synonyms = synonymTerms(question);
  const found = (t: string, have: Set<string>) =>
    [...synonyms.get(t) ?? [t]].some((s) => have.has(s));
  return (text) => {
    if (!total) return 0;
    const have = new Set(analyze(text));
    return terms.reduce((sum, t, i) => sum + (found(t, have) ? weights[i] : 0), 0) / total;
  };
}

/**
 * The passages of section `anchor` of page `slug` for `question`: every sentence of a short
 * section, else the `limit` best, in the section's order.
 */
export async function sectionPassages(
  slug: string,
  anchor: string,
  question: string,
  limit = 4,
): Promise<SectionPassages> {
  const [site, index] = await Promise.all([getDocsSite(), docsSearchIndex()]);
  const section = site.bySlug.get(slug)?.sections.find((s) => s.id === anchor);
  if (!section) return { passages: [], coverage: 0, code: null, codeRelevance: 0 };
  const score = relevanceScorer(index, question);
  const pieces = section.blocks.flatMap((b) =>
    b.kind === "prose"
      ? splitSentences(b.text).map((text) => ({ text, kind: b.kind }))
      : b.kind === "row"
      ? [{ text: b.text, kind: b.kind }]
      : []
  );
  const short = pieces.length <= limit;
  const passages = pieces.map((p, order) => ({ ...p, order, relevance: score(p.text) }))
    .filter((p) => short || p.relevance > 0)
    .sort((a, b) => b.relevance - a.relevance || a.order - b.order)
    .slice(0, limit)
    .sort((a, b) => a.order - b.order)
    .map(({ text, kind, relevance }) => ({ text, kind, relevance: round(relevance) }));
  const code = section.blocks
    .filter((b) => b.kind === "code" && b.text.trim().split("\n").length <= MAX_CODE_LINES)
    .map((b, order) => ({ text: b.text.trim(), order, relevance: score(b.text) }))
    .sort((a, b) => b.relevance - a.relevance || a.order - b.order)[0];
  const page = site.bySlug.get(slug)!;
  const whole = `${page.title}\n${section.heading}\n${section.text}`;
  return {
    passages,
    coverage: round(score(whole)),
    code: code?.text ?? null,
    codeRelevance: round(code?.relevance ?? 0),
  };
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
