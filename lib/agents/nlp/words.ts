/**
 * English with `compromise` (loaded on first use: about 0.4 s and 25 MB of heap once): number
 * words turned into digits ("twelve hundred" -> 1200) and its lexicon, which tells whether a
 * capitalised word is also an ordinary English word ("Reading", "Mobile").
 */
type Nlp = typeof import("compromise").default;

let loading: Promise<Nlp> | null = null;

function nlp(): Promise<Nlp> {
  loading ??= import("compromise").then((m) => m.default).catch((e) => {
    loading = null;
    throw e;
  });
  return loading;
}

/** `text` with number words written as digits; amounts with digits are left as they are. */
export async function numbersAsDigits(text: string): Promise<string> {
  const doc = (await nlp())(text);
  // The numbers view of compromise's typings lacks toNumber, which the plugin adds.
  doc.numbers().forEach((m) => {
    if (!/\d/.test(m.text())) (m as unknown as { toNumber(): void }).toNumber();
  });
  return doc.text();
}

const PLACE_TAGS = new Set(["City", "Country", "Place", "Region", "Town", "ProperNoun"]);

/** True when `word` is an ordinary English word (not only a place name). */
export async function isCommonWord(word: string): Promise<boolean> {
  const world = (await nlp()).world() as { model: { one: { lexicon: Record<string, string> } } };
  const lexicon: Record<string, string | undefined> = world.model.one.lexicon;
  const tag = lexicon[word.toLowerCase()];
  return tag !== undefined && !PLACE_TAGS.has(tag);
}
