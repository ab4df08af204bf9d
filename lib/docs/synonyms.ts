/**
 * Query expansion from the docs glossary (`content/docs_synonyms.ts`): when a question holds a
 * visitor's word for something, the docs' own words for it count for that word of the
 * question, so "log in" finds the sections about signing in.
 */
import { docsSynonyms } from "../../content/docs_synonyms.ts";
import { analyze, fold } from "./analyze.ts";

interface Entry {
  /** Matches the visitor's phrase as whole words. */
  pattern: RegExp;
  /** The phrase's own index terms (the first is the question term the synonym stands for). */
  terms: string[];
  /** Index terms of the docs' phrase. */
  docs: string[];
  /** The visitor's phrase. */
  phrase: string;
}

function pattern(phrase: string): RegExp {
  const words = fold(phrase).split(/[\s-]+/).map((w) => w.replace(/[^\p{L}\p{N}]/gu, ""));
  return new RegExp(`(?<![\\p{L}\\p{N}])${words.join("[\\s-]+")}(?![\\p{L}\\p{N}])`, "u");
}

/** Compiles a glossary (docs phrase -> visitor phrases). */
export function compileSynonyms(glossary: Record<string, string[]>): Entry[] {
  return Object.entries(glossary).flatMap(([docs, visitor]) =>
    visitor.map((p) => ({ pattern: pattern(p), terms: analyze(p), docs: analyze(docs), phrase: p }))
  );
}

const compiled = compileSynonyms(docsSynonyms);

/**
 * What the words of `query` may match, for the words the glossary knows: keyed by the question
 * term a visitor phrase stands for, the docs' terms for it, and the term itself when the phrase
 * is that one word (in "log in", "log" means signing in, not the logs).
 */
export function synonymTerms(query: string, entries: Entry[] = compiled): Map<string, Set<string>> {
  const text = fold(query);
  const out = new Map<string, Set<string>>();
  for (const e of entries) {
    if (!e.terms.length || !e.pattern.test(text)) continue;
    const key = e.terms[0];
    const matches = out.get(key) ?? new Set<string>();
    for (const t of e.docs) matches.add(t);
    if (!/[\s-]/.test(e.phrase)) matches.add(key);
    out.set(key, matches);
  }
  return out;
}
