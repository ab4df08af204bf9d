/** Whole-word, case-insensitive phrase matching shared by the extraction and triage tools. */

const cache = new Map<string, RegExp>();

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** True when `phrase` occurs in `text` as whole words (case-insensitive). */
export function hasPhrase(text: string, phrase: string): boolean {
  let re = cache.get(phrase);
  if (!re) {
    re = new RegExp(`(?:^|[^\\p{L}\\p{N}])${escape(phrase)}(?=$|[^\\p{L}\\p{N}])`, "iu");
    cache.set(phrase, re);
  }
  return re.test(text);
}

/** The phrases of `phrases` that occur in `text`, in the given order. */
export function matchedPhrases(text: string, phrases: readonly string[]): string[] {
  return phrases.filter((p) => hasPhrase(text, p));
}
