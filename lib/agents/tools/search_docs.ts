/** `search_docs`: full-text search over the product docs, returning citable sections. */
import { z } from "zod";
import { type Passage, sectionPassages } from "../../docs/passages.ts";
import type { DocAudience } from "../../docs/source.ts";
import { docsSearchIndex } from "../../docs/search.ts";
import type { Tool } from "../types.ts";

const args = z.object({
  query: z.string().trim().min(2).max(300).describe("What to look for, in plain words"),
  limit: z.number().int().min(1).max(8).optional().describe("How many sections (default 4)"),
});

/** One citable docs section as the model sees it. */
export interface DocCitation {
  title: string;
  section: string;
  url: string;
  snippet: string;
  /** Who the page is for: its users ("everyone") or the contributors to the product itself. */
  audience: DocAudience;
  /** The section's sentences that best match the query, best first. */
  passages: Passage[];
  /** 0-1: how much of the query the section covers (its telling words weigh more). */
  coverage: number;
  /** The section's short code block that best matches the query, if any. */
  code: string | null;
  /** 0-1: how much of the query that code block (with its comments) covers. */
  codeRelevance: number;
}

/** What `search_docs` returns. */
export interface DocsSearchResult {
  results: DocCitation[];
  /** Names in the query (such as a product or brand) that no docs section mentions. */
  unmentioned: string[];
}

/**
 * Searches docs/ and returns the best sections with their links and best sentences, and the
 * names of the query the docs never mention.
 */
export const searchDocsTool: Tool<z.infer<typeof args>, DocsSearchResult> = {
  name: "search_docs",
  description:
    "Search the product documentation. Returns the most relevant sections with title, section, url, a snippet, the best-matching sentences and how much of the query each covers, and the names in the query that the docs never mention; cite the url of every section you use.",
  args,
  async run({ query, limit }, env) {
    const hits = await env.searchDocs(query, limit ?? 4);
    const results = await Promise.all(hits.map(async (h) => ({
      title: h.title,
      section: h.section,
      url: h.url,
      snippet: h.snippet,
      audience: h.audience,
      ...await sectionPassages(h.slug, h.anchor, query),
    })));
    const unmentioned = (await docsSearchIndex()).unknownNames(query);
    return { results, unmentioned };
  },
};
