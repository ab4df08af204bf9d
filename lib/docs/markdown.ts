/**
 * Markdown to HTML for the Docs pages (marked + highlight.js, server-side only): heading ids
 * and anchor links, a table of contents, highlighted code, `.md` links rewritten to `/docs/...`,
 * and the plain text of each section for the search index.
 */
import { Marked, type Token, type Tokens } from "marked";
import { highlightCode } from "./highlight.ts";

/** One table-of-contents entry (h2 and h3). */
export interface TocEntry {
  depth: number;
  text: string;
  id: string;
}

/** One block of a section: prose (a paragraph or a list item), a code block or a table row. */
export interface DocBlock {
  kind: "prose" | "code" | "row";
  text: string;
}

/** A heading and the plain text under it, up to the next heading. */
export interface DocSection {
  /** Heading text; the page title for the text before the first heading. */
  heading: string;
  /** Anchor id; "" for the text before the first heading. */
  id: string;
  depth: number;
  text: string;
  /** The same text as blocks, so answers can quote prose, code and table rows apart. */
  blocks: DocBlock[];
}

/** A rendered Markdown document. */
export interface RenderedMarkdown {
  /** Text of the first `#` heading (removed from `html`: the page renders it as its h1). */
  title: string | null;
  html: string;
  toc: TocEntry[];
  sections: DocSection[];
}

/** URL-safe id from heading text: lower case, letters, digits and dashes. */
export function slugify(text: string): string {
  return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
    .replace(/[^a-z0-9\s_-]/g, "").trim().replace(/[\s_]+/g, "-").replace(/-+/g, "-") ||
    "section";
}

/** Plain text of a token tree (inline markup dropped, code kept). */
export function plainText(tokens: Token[] | undefined): string {
  if (!tokens) return "";
  const parts: string[] = [];
  for (const t of tokens) {
    if (t.type === "list") {
      parts.push((t as Tokens.List).items.map((i) => plainText(i.tokens)).join("\n") + "\n");
    } else if (t.type === "table") {
      const table = t as Tokens.Table;
      const rows = [table.header, ...table.rows];
      parts.push(rows.map((r) => r.map((c) => plainText(c.tokens)).join(" | ")).join("\n") + "\n");
    } else if (t.type === "html") {
      parts.push((t as Tokens.HTML).text.replace(/<!--[\s\S]*?-->|<[^>]+>/g, " "));
    } else if ("tokens" in t && Array.isArray(t.tokens)) {
      parts.push(plainText(t.tokens));
    } else if (t.type === "code" || t.type === "codespan" || t.type === "text") {
      parts.push(decodeEntities((t as Tokens.Text).text));
    } else if (t.type === "escape") {
      parts.push((t as Tokens.Escape).text);
    }
  }
  return parts.join("").replace(/[ \t]+/g, " ").trim();
}

function decodeEntities(s: string): string {
  return s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'").replace(/&amp;/g, "&");
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

/**
 * Maps a Markdown link target to a site URL: `other.md#x` -> `/docs/other#x`, relative to the
 * current page's folder; absolute and non-Markdown links are left alone.
 */
export function rewriteDocLink(href: string, slug: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith("/") || href.startsWith("#")) {
    return href;
  }
  const m = href.match(/^([^#?]+)\.md(#.*)?$/);
  if (!m) return href;
  const base = new URL(`http://docs/${slug}`);
  const target = new URL(m[1], base).pathname.replace(/^\//, "");
  return `/docs/${target}${m[2] ?? ""}`;
}

/** The blocks of one top-level token. */
function blocksOf(t: Token): DocBlock[] {
  if (t.type === "code") return [{ kind: "code", text: (t as Tokens.Code).text }];
  if (t.type === "list") {
    return (t as Tokens.List).items.map((i) => ({ kind: "prose", text: plainText(i.tokens) }));
  }
  if (t.type === "table") {
    const table = t as Tokens.Table;
    const head = table.header.map((c) => plainText(c.tokens));
    return table.rows.map((r) => ({
      kind: "row",
      text: r.map((c, i) => `${head[i]}: ${plainText(c.tokens)}`).join("; "),
    }));
  }
  const text = plainText([t]);
  return text ? [{ kind: "prose", text }] : [];
}

/** Renders one document. `slug` resolves relative links. */
export function renderMarkdown(markdown: string, slug: string): RenderedMarkdown {
  const tokens = new Marked({ gfm: true }).lexer(markdown);
  let title: string | null = null;
  const firstH1 = tokens.findIndex((t) => t.type === "heading" && t.depth === 1);
  if (firstH1 >= 0) {
    title = plainText((tokens[firstH1] as Tokens.Heading).tokens);
    tokens.splice(firstH1, 1);
  }

  const used = new Map<string, number>();
  const headingIds: string[] = [];
  const toc: TocEntry[] = [];
  const sections: DocSection[] = [
    { heading: title ?? "", id: "", depth: 1, text: "", blocks: [] },
  ];
  const sectionText: string[][] = [[]];
  for (const t of tokens) {
    if (t.type === "heading") {
      const h = t as Tokens.Heading;
      const text = plainText(h.tokens);
      const base = slugify(text);
      const n = used.get(base) ?? 0;
      used.set(base, n + 1);
      const id = n === 0 ? base : `${base}-${n + 1}`;
      const depth = Math.max(2, h.depth);
      headingIds.push(id);
      if (depth <= 3) toc.push({ depth, text, id });
      sections.push({ heading: text, id, depth, text: "", blocks: [] });
      sectionText.push([]);
    } else {
      sectionText.at(-1)!.push(plainText([t]));
      sections.at(-1)!.blocks.push(...blocksOf(t));
    }
  }
  sections.forEach((s, i) => s.text = sectionText[i].filter(Boolean).join("\n"));

  let headingIndex = 0;
  const marked = new Marked({
    gfm: true,
    renderer: {
      heading({ tokens: inline, depth }) {
        const id = headingIds[headingIndex++];
        const level = Math.max(2, depth);
        const inner = this.parser.parseInline(inline);
        return `<h${level} id="${id}"><a class="heading-anchor" href="#${id}">${inner}</a></h${level}>\n`;
      },
      code({ text, lang }) {
        const language = (lang ?? "").trim().split(/\s+/)[0];
        const { html, language: used } = highlightCode(text, language);
        const label = used ? ` data-lang="${escapeHtml(used)}"` : "";
        return `<pre class="code" tabindex="0"${label}><code class="hljs${
          used ? ` language-${escapeHtml(used)}` : ""
        }">${html}</code></pre>\n`;
      },
      link({ href, title: linkTitle, tokens: inline }) {
        const target = rewriteDocLink(href, slug);
        const inner = this.parser.parseInline(inline);
        const t = linkTitle ? ` title="${escapeHtml(linkTitle)}"` : "";
        return `<a href="${escapeHtml(target)}"${t}>${inner}</a>`;
      },
      table(token) {
        const head = token.header.map((c) =>
          `<th scope="col"${c.align ? ` class="align-${c.align}"` : ""}>${
            this.parser.parseInline(c.tokens)
          }</th>`
        ).join("");
        const body = token.rows.map((row) =>
          `<tr>${
            row.map((c) =>
              `<td${c.align ? ` class="align-${c.align}"` : ""}>${
                this.parser.parseInline(c.tokens)
              }</td>`
            ).join("")
          }</tr>`
        ).join("\n");
        return `<div class="table-scroll" tabindex="0"><table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div>\n`;
      },
      html({ text }) {
        // Raw HTML in docs is limited to comments (used as markers); anything else is escaped.
        return /^\s*<!--[\s\S]*-->\s*$/.test(text) ? "" : escapeHtml(text);
      },
    },
  });
  const html = marked.parser(tokens);
  return { title, html, toc, sections };
}
