/**
 * The legal pages' text: Markdown under content/legal/ (edited by operators), with the brand
 * and contact placeholders filled in from content/site.ts, rendered once per process.
 */
import { z } from "zod";
import { renderMarkdown } from "./docs/markdown.ts";
import { splitFrontMatter } from "./docs/source.ts";
import { siteConfig } from "./site_config.ts";

/** Folder holding the legal Markdown files. */
export const LEGAL_DIR = new URL("../content/legal/", import.meta.url);

/** The legal documents. */
export type LegalDoc = "privacy" | "terms" | "cookies";

/** Where a page places its interactive part (a settings form, a list built from code). */
export const INTERACTIVE_MARKER = "<!-- interactive -->";

/** A legal page: its front matter and its body in parts. */
export interface LegalDocument {
  title: string;
  description: string;
  lead: string;
  /** HTML split at {@link INTERACTIVE_MARKER} (one part when there is no marker). */
  parts: string[];
}

const frontMatter = z.object({
  title: z.string().min(1),
  description: z.string().min(30),
  lead: z.string().min(1),
});

const cache = new Map<LegalDoc, Promise<LegalDocument>>();
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

/** Parses a legal document's text (front matter, then Markdown); `doc` names it in errors. */
export function parseLegal(doc: string, text: string): LegalDocument {
  const { data, body } = splitFrontMatter(fillPlaceholders(text));
  const fm = frontMatter.safeParse(data);
  if (!fm.success) {
    throw new Error(`content/legal/${doc}.md: bad front matter: ${fm.error.issues[0].message}`);
  }
  const parts = body.split(INTERACTIVE_MARKER).map((md) => renderMarkdown(md, doc).html);
  return { ...fm.data, parts };
}

/** A legal document, read and rendered once per process. */
export function legalDocument(doc: LegalDoc): Promise<LegalDocument> {
  let found = cache.get(doc);
  if (!found) {
    found = Deno.readTextFile(new URL(`${doc}.md`, LEGAL_DIR)).then((t) => parseLegal(doc, t));
    cache.set(doc, found);
  }
  return found;
}
