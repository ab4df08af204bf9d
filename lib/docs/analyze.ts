/**
 * Text analysis for the docs search: tokenizing (with offsets, splitting `snake_case` and
 * `camelCase` identifiers into their parts too), a stop-word list and a light English stemmer.
 * The same analysis runs over the docs and over queries, so their forms meet.
 */

/** A word of the input and the index terms it yields. */
export interface TextToken {
  /** Offsets of the word in the input. */
  start: number;
  end: number;
  terms: string[];
}

const STOP_WORDS = new Set(
  ("a an and are as at be but by can do does for from had has have how i if in into is it its " +
    "me my of on or our so than that the their them then there these they this to was we were " +
    "what when where which who why will with you your " +
    // Words of a question that say nothing about its subject.
    "able already also anything came can't come could did does doesn't get gets got just know " +
    "like look looking make need needs please really should someone something still thing " +
    "things try trying want wants way would").split(" "),
);

/** True for words too common to search by. */
export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}

const DOUBLE = /([bdfgkmnprt])\1$/;

function undouble(w: string): string {
  return DOUBLE.test(w) ? w.slice(0, -1) : w;
}

/**
 * A light stemmer: plurals, -ation, -ment, -ing, -ed, -ly, -er and a final -ate/-e, so that
 * "configure", "configured", "configuring" and "configuration" share one stem. Words of three
 * letters or fewer, and words with digits, are kept as they are.
 */
export function stem(word: string): string {
  let w = word;
  if (w.length <= 3 || /\d/.test(w)) return w;
  if (w.endsWith("ies") && w.length > 4) w = w.slice(0, -3) + "y";
  else if (w.endsWith("sses")) w = w.slice(0, -2);
  else if (w.endsWith("s") && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  let stripped = false;
  if (w.endsWith("ation") && w.length > 7) w = w.slice(0, -5);
  else if (w.endsWith("ment") && w.length > 7) w = w.slice(0, -4);
  else if (w.endsWith("ing") && w.length > 5) [w, stripped] = [undouble(w.slice(0, -3)), true];
  else if (w.endsWith("ed") && w.length > 4) [w, stripped] = [undouble(w.slice(0, -2)), true];
  else if (w.endsWith("ly") && w.length > 5) w = w.slice(0, -2);
  else if (w.endsWith("er") && w.length > 5) w = undouble(w.slice(0, -2));
  if (stripped && w.endsWith("at") && w.length > 4) w = w.slice(0, -2);
  else if (w.endsWith("ate") && w.length > 5) w = w.slice(0, -3);
  else if (w.endsWith("e") && w.length > 4) w = w.slice(0, -1);
  return w;
}

/** Lower case without accents. */
export function fold(text: string): string {
  return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
}

function termsOf(raw: string): string[] {
  const out = new Set<string>();
  const whole = fold(raw);
  if (!isStopWord(whole)) out.add(stem(whole));
  const parts = raw.replace(/([a-z0-9])([A-Z][a-z])/g, "$1 $2").split(/[\s_]+/);
  if (parts.length > 1) {
    for (const p of parts) {
      const f = fold(p);
      if (f.length >= 2 && !isStopWord(f)) out.add(stem(f));
    }
  }
  return [...out];
}

const WORD = /[\p{L}\p{N}_]+/gu;

/** Splits text into words with their offsets and index terms (stop words yield no terms). */
export function tokenize(text: string): TextToken[] {
  const out: TextToken[] = [];
  for (const m of text.matchAll(WORD)) {
    const raw = m[0].replace(/^_+|_+$/g, "");
    if (!raw) continue;
    out.push({ start: m.index!, end: m.index! + m[0].length, terms: termsOf(raw) });
  }
  return out;
}

/** The index terms of a text, in order (with repeats). */
export function analyze(text: string): string[] {
  return tokenize(text).flatMap((t) => t.terms);
}
