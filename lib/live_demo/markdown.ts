/**
 * A tiny, safe Markdown renderer for streamed answers: paragraphs, headings, bold, `code`,
 * lists, links, fenced code and simple tables, built as Preact nodes (so every character of the
 * text is escaped; no HTML passes through). Links go only to http(s) URLs and relative
 * URLs (no other scheme, no `//host`, no control characters or backslashes). While the text is still streaming, {@link settled} holds back an unfinished trailing
 * construct (a half-link, half-bold, a table row being written) until it completes.
 */
import { type ComponentChildren, h } from "preact";

// deno-lint-ignore no-explicit-any
type VNode = import("preact").VNode<any>;

const INLINE = /\[([^\]\n]+)\]\(([^\s)]+)\)|\*\*([^*\n]+)\*\*|`([^`\n]+)`/g;
// deno-lint-ignore no-control-regex
const SAFE_HREF = /^(?:https?:\/\/|(?![\w+.-]*:)(?!\/\/))[^\\\x00-\x20\x7f]*$/i;
const ROW = /^\s*\|/;
const SEP = /^\s*\|?[\s:|-]*-[\s:|-]*$/;
const ITEM = /^\s*([-*+]|\d{1,9}[.)])\s+(.*)$/;

/** The href of a link target when it is safe to follow, else null. */
export function safeHref(target: string): string | null {
  return SAFE_HREF.test(target) ? target : null;
}

/** `text` without an unfinished trailing construct (while `done` is false). */
export function settled(text: string, done: boolean): string {
  if (done) return text;
  const cut = text.lastIndexOf("\n") + 1;
  const line = text.slice(cut);
  if (!line || ROW.test(line)) {
    const prev = text.lastIndexOf("\n", cut - 2) + 1;
    const before = text.slice(text.lastIndexOf("\n", prev - 2) + 1, prev);
    return text.slice(0, cut && ROW.test(text.slice(prev, cut)) && !ROW.test(before) ? prev : cut);
  }
  const open = line.replace(INLINE, (m) => " ".repeat(m.length)).search(/\[|\*\*|`/);
  return open < 0 ? text : text.slice(0, cut + open);
}

/** Inline Markdown of one line as Preact children. */
export function inline(text: string): ComponentChildren[] {
  const out: ComponentChildren[] = [];
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    out.push(text.slice(last, m.index));
    const href = m[2] && safeHref(m[2]);
    out.push(
      m[1] !== undefined
        ? href ? h("a", { href, rel: "nofollow noopener" }, m[1]) : m[0]
        : m[3] !== undefined
        ? h("strong", null, m[3])
        : h("code", null, m[4]),
    );
    last = m.index! + m[0].length;
  }
  out.push(text.slice(last));
  return out;
}

function cells(line: string): string[] {
  return line.trim().replace(/^\||\|$/g, "").split("|").map((c) => c.trim());
}

function lines(ls: string[]): ComponentChildren[] {
  return ls.flatMap((l, i) => i ? [h("br", null), ...inline(l)] : inline(l));
}

/** Block Markdown of `text` as Preact nodes. */
export function markdown(text: string): VNode[] {
  const src = text.split("\n");
  const out: VNode[] = [];
  for (let i = 0; i < src.length;) {
    const line = src[i];
    let m: RegExpMatchArray | null;
    if (/^\s*```/.test(line)) {
      const body: string[] = [];
      while (++i < src.length && !/^\s*```/.test(src[i])) body.push(src[i]);
      i++;
      out.push(h("pre", null, h("code", null, body.join("\n"))));
    } else if (!line.trim()) {
      i++;
    } else if ((m = line.match(/^(#{1,6})\s+(.*)$/))) {
      out.push(h("h4", null, inline(m[2])));
      i++;
    } else if (ROW.test(line) && SEP.test(src[i + 1] ?? "")) {
      const head = cells(line);
      const rows: VNode[] = [];
      for (i += 2; i < src.length && ROW.test(src[i]); i++) {
        rows.push(h("tr", null, cells(src[i]).map((c) => h("td", null, inline(c)))));
      }
      out.push(
        h(
          "div",
          { class: "md-table" },
          h(
            "table",
            null,
            h("thead", null, h("tr", null, head.map((c) => h("th", null, inline(c))))),
            h("tbody", null, rows),
          ),
        ),
      );
    } else if ((m = line.match(ITEM))) {
      const ordered = /\d/.test(m[1]);
      const items: VNode[] = [];
      while (i < src.length && (m = src[i].match(ITEM)) && /\d/.test(m[1]) === ordered) {
        items.push(h("li", null, inline(m[2])));
        i++;
      }
      out.push(h(ordered ? "ol" : "ul", null, items));
    } else {
      const para: string[] = [];
      while (
        i < src.length && src[i].trim() && !ITEM.test(src[i]) &&
        !/^\s*(```|#{1,6}\s)/.test(src[i]) && !(ROW.test(src[i]) && SEP.test(src[i + 1] ?? ""))
      ) para.push(src[i++]);
      if (!para.length) para.push(src[i++]);
      out.push(h("p", null, lines(para)));
    }
  }
  return out;
}
