/**
 * The Docs site: every file under docs/ read, rendered and ordered once per process (cached),
 * with sidebar groups and previous/next links.
 */
import { siteConfig } from "../site_config.ts";
import { type DocSection, renderMarkdown, type TocEntry } from "./markdown.ts";
import { expandSettingsTable } from "./settings_table.ts";
import { type DocAudience, orderDocs, readDocSources } from "./source.ts";

/** A link to a docs page. */
export interface DocLink {
  slug: string;
  title: string;
  url: string;
}

/** One rendered docs page. */
export interface DocPage extends DocLink {
  description: string;
  group: string;
  order: number;
  /** Who the page is for (front matter `audience`, default everyone). */
  audience: DocAudience;
  html: string;
  toc: TocEntry[];
  sections: DocSection[];
  prev: DocLink | null;
  next: DocLink | null;
}

/** A sidebar group. */
export interface DocGroup {
  name: string;
  pages: DocLink[];
}

/** Every docs page, in sidebar order, and the sidebar. */
export interface DocsSite {
  pages: DocPage[];
  groups: DocGroup[];
  bySlug: Map<string, DocPage>;
}

/** Folder holding the Markdown files. */
export const DOCS_DIR = new URL("../../docs/", import.meta.url);

const link = (p: DocLink): DocLink => ({ slug: p.slug, title: p.title, url: p.url });

/** First sentence-ish of a section, for pages without a description. */
function summary(text: string): string {
  const first = text.split(/\n/).find((l) => l.trim().length > 0) ?? "";
  return first.length > 155 ? `${first.slice(0, 152).replace(/\s+\S*$/, "")}...` : first;
}

/** Builds the Docs site from the files in `dir`. */
export async function buildDocsSite(dir: URL = DOCS_DIR): Promise<DocsSite> {
  const sources = await readDocSources(dir);
  const rendered = sources.map((s) => {
    const r = renderMarkdown(expandSettingsTable(s.markdown), s.slug);
    const title = s.title ?? r.title ?? s.slug;
    if (r.sections[0]) r.sections[0].heading = title;
    return {
      slug: s.slug,
      title,
      url: `/docs/${s.slug}`,
      description: s.description ?? summary(r.sections[0]?.text ?? "") ?? title,
      group: s.group,
      order: s.order,
      audience: s.audience,
      html: r.html,
      toc: r.toc,
      sections: r.sections,
    };
  });
  const ordered = orderDocs(rendered);
  const pages: DocPage[] = ordered.map((p, i) => ({
    ...p,
    description: p.description || `${p.title}: ${siteConfig.name} documentation.`,
    prev: i > 0 ? link(ordered[i - 1]) : null,
    next: i < ordered.length - 1 ? link(ordered[i + 1]) : null,
  }));
  const groups: DocGroup[] = [];
  for (const p of pages) {
    const g = groups.at(-1)?.name === p.group ? groups.at(-1)! : undefined;
    if (g) g.pages.push(link(p));
    else groups.push({ name: p.group, pages: [link(p)] });
  }
  return { pages, groups, bySlug: new Map(pages.map((p) => [p.slug, p])) };
}

let cached: Promise<DocsSite> | null = null;

/** The Docs site of this process (built on first use, then cached). */
export function getDocsSite(): Promise<DocsSite> {
  cached ??= buildDocsSite().catch((e) => {
    cached = null;
    throw e;
  });
  return cached;
}
