/**
 * Full-text search over the Docs: an inverted index of every section (heading and the text
 * under it), ranked with BM25 over weighted fields (heading, page title, body), with prefix
 * and one-typo expansion for words not in the index, the docs' own words for a visitor's words
 * (`synonyms.ts`), a bonus for sections matching every word or the exact phrase, and a snippet
 * around the best match. Used by the Docs search page, its island, and the docs-assistant
 * agent (`searchDocs`). MiniSearch with the same analysis scored lower on the docs evaluation
 * (docs/evaluation.md), so the index is this one.
 */
import { analyze, fold, stem, tokenize } from "./analyze.ts";
import { synonymTerms } from "./synonyms.ts";
import type { DocAudience } from "./source.ts";
import { getDocsSite } from "./store.ts";

/** One search result: a section of a docs page. */
export interface DocHit {
  /** Page slug, e.g. `runs-api`. */
  slug: string;
  /** Page title. */
  title: string;
  /** Section heading (the page title for the text before the first heading). */
  section: string;
  /** Heading id ("" for the top of the page). */
  anchor: string;
  /** Site URL of the section, e.g. `/docs/runs-api#start-a-run`. */
  url: string;
  /** Plain-text excerpt around the best match (may start or end with "…"). */
  snippet: string;
  /** Relevance, higher is better (comparable within one query only). */
  score: number;
  /** Who the page is for: its users, or the contributors to Relay itself. */
  audience: DocAudience;
}

/** One searchable section. */
export interface SearchEntry {
  slug: string;
  title: string;
  section: string;
  anchor: string;
  text: string;
  /** Who the page is for (default everyone). */
  audience?: DocAudience;
}

interface Posting {
  entry: number;
  /** Field-weighted term frequency. */
  tf: number;
}

const FIELD_WEIGHTS = { heading: 3, title: 1.5, body: 1 };
const K1 = 1.2;
const B = 0.75;
const PREFIX_WEIGHT = 0.6;
const TYPO_WEIGHT = 0.4;
const MAX_EXPANSIONS = 12;
const SYNONYM_WEIGHT = 0.8;
const MAX_HITS_PER_PAGE = 3;
const SNIPPET_CHARS = 180;
const MAX_QUERY_CHARS = 200;
/** A capitalised word that does not open a sentence (the pronoun "I" is not a name). */
const NAME = /(?<=[\p{L}\p{N},;:)"'] +)(?!I\b)\p{Ll}*\p{Lu}[\p{L}\p{N}]*/gu;

/** An inverted index over docs sections. */
export class SearchIndex {
  readonly #entries: SearchEntry[];
  readonly #postings = new Map<string, Posting[]>();
  readonly #lengths: number[];
  readonly #avgLength: number;
  readonly #vocabulary: string[];

  /** Indexes `entries` (sections). */
  constructor(entries: SearchEntry[]) {
    this.#entries = entries;
    this.#lengths = entries.map((e, i) => {
      const tf = new Map<string, number>();
      let length = 0;
      // The top of a page is headed by the page title: count the title once, not twice.
      const heading = e.section === e.title ? "" : e.section;
      for (const [field, text] of [["heading", heading], ["title", e.title], ["body", e.text]]) {
        const terms = analyze(text);
        const w = FIELD_WEIGHTS[field as keyof typeof FIELD_WEIGHTS];
        if (field !== "title") length += terms.length;
        for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + w);
      }
      for (const [term, f] of tf) {
        let list = this.#postings.get(term);
        if (!list) this.#postings.set(term, list = []);
        list.push({ entry: i, tf: f });
      }
      return Math.max(length, 1);
    });
    this.#avgLength = this.#lengths.reduce((a, b) => a + b, 0) / Math.max(entries.length, 1);
    this.#vocabulary = [...this.#postings.keys()].sort();
  }

  /** Number of indexed sections. */
  get size(): number {
    return this.#entries.length;
  }

  /**
   * How telling an index term is: its inverse document frequency, or that of a term found in
   * one section when no section has it (a word the docs never use weighs the most).
   */
  termWeight(term: string): number {
    const n = this.#entries.length;
    const df = Math.max(this.#postings.get(term)?.length ?? 0, 1);
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /**
   * The names in `query` (capitalised words past the start of a sentence, such as "PayPal" or
   * "iPhone") that no section mentions: a question about one of them is not in the docs.
   */
  unknownNames(query: string): string[] {
    const names = query.slice(0, MAX_QUERY_CHARS).match(NAME) ?? [];
    return [...new Set(names)].filter((n) => !this.#postings.has(stem(fold(n))));
  }

  /**
   * Index terms a query word matches, each with a weight (exact 1; the docs' word for it from
   * the glossary, a prefix or a typo less).
   */
  #expand(term: string, isLast: boolean, synonyms?: Set<string>): Map<string, number> {
    const out = new Map<string, number>();
    if (synonyms) {
      for (const s of synonyms) {
        if (this.#postings.has(s)) out.set(s, s === term ? 1 : SYNONYM_WEIGHT);
      }
      return out;
    }
    if (this.#postings.has(term)) out.set(term, 1);
    if (term.length >= 3 && (isLast || out.size === 0)) {
      const from = lowerBound(this.#vocabulary, term);
      for (let i = from; i < this.#vocabulary.length && out.size < MAX_EXPANSIONS; i++) {
        const v = this.#vocabulary[i];
        if (!v.startsWith(term)) break;
        if (!out.has(v)) out.set(v, PREFIX_WEIGHT);
      }
    }
    if (out.size === 0 && term.length >= 5) {
      for (const v of this.#vocabulary) {
        if (Math.abs(v.length - term.length) <= 1 && withinOneEdit(v, term)) {
          out.set(v, TYPO_WEIGHT);
          if (out.size >= MAX_EXPANSIONS) break;
        }
      }
    }
    return out;
  }

  /** The best sections for `query`, best first (at most `limit`, three per page). */
  search(query: string, limit = 10): DocHit[] {
    const q = query.slice(0, MAX_QUERY_CHARS);
    const queryTerms = [...new Set(analyze(q))];
    if (queryTerms.length === 0 || this.#entries.length === 0) return [];
    const n = this.#entries.length;
    const scores = new Map<number, number>();
    const matched = new Map<number, Set<number>>();
    const hitTerms = new Map<number, Set<string>>();
    const synonyms = synonymTerms(q);
    queryTerms.forEach((qt, qi) => {
      const last = qi === queryTerms.length - 1;
      for (const [term, weight] of this.#expand(qt, last, synonyms.get(qt))) {
        const postings = this.#postings.get(term)!;
        const idf = Math.log(1 + (n - postings.length + 0.5) / (postings.length + 0.5));
        for (const { entry, tf } of postings) {
          const norm = K1 * (1 - B + B * this.#lengths[entry] / this.#avgLength);
          const s = weight * idf * (tf * (K1 + 1)) / (tf + norm);
          scores.set(entry, (scores.get(entry) ?? 0) + s);
          if (!matched.has(entry)) matched.set(entry, new Set());
          matched.get(entry)!.add(qi);
          if (!hitTerms.has(entry)) hitTerms.set(entry, new Set());
          hitTerms.get(entry)!.add(term);
        }
      }
    });
    const phrase = fold(q).replace(/\s+/g, " ").trim();
    const ranked = [...scores].map(([entry, score]) => {
      const e = this.#entries[entry];
      const coverage = matched.get(entry)!.size / queryTerms.length;
      let s = score * coverage;
      if (queryTerms.length > 1 && fold(`${e.section} ${e.text}`).includes(phrase)) s *= 1.5;
      if (fold(e.section).includes(phrase)) s *= 1.3;
      return { entry, score: s };
    }).sort((a, b) => b.score - a.score || a.entry - b.entry);

    const perPage = new Map<string, number>();
    const hits: DocHit[] = [];
    const max = Math.max(1, Math.min(limit, 50));
    for (const { entry, score } of ranked) {
      if (hits.length >= max) break;
      const e = this.#entries[entry];
      const count = perPage.get(e.slug) ?? 0;
      if (count >= MAX_HITS_PER_PAGE) continue;
      perPage.set(e.slug, count + 1);
      hits.push({
        slug: e.slug,
        title: e.title,
        section: e.section,
        anchor: e.anchor,
        url: `/docs/${e.slug}${e.anchor ? `#${e.anchor}` : ""}`,
        snippet: snippet(e.text, hitTerms.get(entry)!),
        score: Math.round(score * 1000) / 1000,
        audience: e.audience ?? "everyone",
      });
    }
    return hits;
  }
}

function lowerBound(sorted: string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * True when `a` and `b` differ by at most one insertion, deletion, substitution or swap of two
 * neighbouring letters.
 */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** An excerpt of `text` around the densest cluster of matched terms. */
export function snippet(text: string, terms: Set<string>): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= SNIPPET_CHARS) return flat;
  const hits = tokenize(flat).filter((t) => t.terms.some((x) => terms.has(x)));
  let start = 0;
  if (hits.length > 0) {
    let best = 0;
    let bestCount = -1;
    for (let i = 0; i < hits.length; i++) {
      let j = i;
      while (j + 1 < hits.length && hits[j + 1].end - hits[i].start <= SNIPPET_CHARS) j++;
      if (j - i > bestCount) [best, bestCount] = [i, j - i];
    }
    start = Math.max(0, hits[best].start - 40);
    if (start > 0) {
      const space = flat.indexOf(" ", start);
      start = space >= 0 && space < hits[best].start ? space + 1 : start;
    }
  }
  let end = Math.min(flat.length, start + SNIPPET_CHARS);
  if (end < flat.length) {
    const space = flat.lastIndexOf(" ", end);
    if (space > start) end = space;
  }
  return `${start > 0 ? "…" : ""}${flat.slice(start, end)}${end < flat.length ? "…" : ""}`;
}

/** Search entries for every section of every docs page. */
export async function docsSearchEntries(): Promise<SearchEntry[]> {
  const site = await getDocsSite();
  return site.pages.flatMap((p) =>
    p.sections
      .filter((s) => s.text.trim() || s.id)
      .map((s) => ({
        slug: p.slug,
        title: p.title,
        section: s.heading || p.title,
        anchor: s.id,
        text: s.text,
        audience: p.audience,
      }))
  );
}

let cached: Promise<SearchIndex> | null = null;

/** The index of this process's docs (built on first use, then cached). */
export function docsSearchIndex(): Promise<SearchIndex> {
  cached ??= docsSearchEntries().then((e) => new SearchIndex(e)).catch((e) => {
    cached = null;
    throw e;
  });
  return cached;
}

/**
 * Searches the Docs: the best-matching sections for `query`, best first (default 10, at most
 * 50; an empty or stop-word-only query gives []).
 */
export async function searchDocs(query: string, limit = 10): Promise<DocHit[]> {
  return (await docsSearchIndex()).search(query, limit);
}
