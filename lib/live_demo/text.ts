/** Splits answer text into plain runs and Markdown links (only site paths and http(s) URLs). */

/** A piece of answer text. */
export type TextPart = { text: string; href?: undefined } | { text: string; href: string };

const LINK = /\[([^\]\n]{1,200})\]\(((?:\/[^\s)]*)|(?:https?:\/\/[^\s)]+))\)/g;

/** The parts of `text`, in order; joined they read as the text with links shown by label. */
export function linkParts(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const m of text.matchAll(LINK)) {
    if (m.index! > last) parts.push({ text: text.slice(last, m.index) });
    parts.push({ text: m[1], href: m[2] });
    last = m.index! + m[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}
