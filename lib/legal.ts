/**
 * The legal pages' text: Markdown under content/legal/ (edited by operators), with the brand
 * and contact placeholders filled in from content/site.ts, rendered once per process.
 */
import { renderMarkdown } from "./docs/markdown.ts";
import { siteConfig } from "./site_config.ts";

/** Folder holding the legal Markdown files. */
export const LEGAL_DIR = new URL("../content/legal/", import.meta.url);

/** The legal documents. */
export type LegalDoc = "privacy" | "terms" | "cookies";

/** Where a page places its interactive part (a settings form, a list built from code). */
export const INTERACTIVE_MARKER = "<!-- interactive -->";

const cache = new Map<LegalDoc, Promise<string[]>>();

/** Fills `{{name}}`-style placeholders with the site's brand and contact details. */
export function fillPlaceholders(markdown: string): string {
  const values: Record<string, string> = {
    name: siteConfig.name,
    legalName: siteConfig.legalName,
    ...Object.fromEntries(
      Object.entries(siteConfig.contact).filter(([, v]) => typeof v === "string"),
    ) as Record<string, string>,
  };
  return markdown.replace(/\{\{(\w+)\}\}/g, (whole, key) => values[key] ?? whole);
}

/**
 * The HTML of a legal document, in parts split at {@link INTERACTIVE_MARKER} (one part when the
 * document has no marker). Read and rendered once per process.
 */
export function legalHtml(doc: LegalDoc): Promise<string[]> {
  let parts = cache.get(doc);
  if (!parts) {
    parts = Deno.readTextFile(new URL(`${doc}.md`, LEGAL_DIR)).then((text) =>
      fillPlaceholders(text).split(INTERACTIVE_MARKER).map((md) => renderMarkdown(md, doc).html)
    );
    cache.set(doc, parts);
  }
  return parts;
}
