/** The readable text of an HTML page: its title, meta description and visible body text. */

/** What a page says, reduced to text. */
export interface PageText {
  title: string | null;
  description: string | null;
  text: string;
}

const NAMED: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  mdash: "—",
  ndash: "–",
  hellip: "…",
  rsquo: "’",
  lsquo: "‘",
  rdquo: "”",
  ldquo: "“",
  euro: "€",
  pound: "£",
};

/** Decodes the character references of HTML text (numeric and the common named ones). */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] === "#") {
      const code = ref[1] === "x" || ref[1] === "X"
        ? parseInt(ref.slice(2), 16)
        : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[ref.toLowerCase()] ?? whole;
  });
}

const clean = (s: string) => decodeEntities(s).replace(/\s+/g, " ").trim();

/** Extracts the title, meta description and visible text of `html` (scripts, styles dropped). */
export function htmlToText(html: string, maxChars = 8_000): PageText {
  const title = html.match(/<title[^>]*>([\s\S]*?)<\/title>/i)?.[1];
  const description = html.match(
    /<meta\s+[^>]*name\s*=\s*["']description["'][^>]*content\s*=\s*["']([^"']*)["']/i,
  )?.[1];
  const body = html
    .replace(/<!--[\s\S]*?-->/g, " ")
    .replace(/<(script|style|noscript|template|svg|head|title)\b[\s\S]*?<\/\1\s*>/gi, " ")
    .replace(
      /<\/?(p|div|br|li|h[1-6]|section|article|tr|td|th|ul|ol|header|footer)\b[^>]*>/gi,
      ". ",
    )
    .replace(/<[^>]*>/g, " ");
  const text = clean(body).replace(/(?:\s*\.){2,}\s*/g, ". ").replace(/\s+\.(?=\s|$)/g, ".")
    .replace(/^[.\s]+/, "").trim();
  return {
    title: title ? clean(title) || null : null,
    description: description ? clean(description) || null : null,
    text: text.slice(0, maxChars),
  };
}
