/** `search_docs`: full-text search over the product docs, returning citable sections. */
import { z } from "zod";
import { type Passage, sectionPassages } from "../../docs/passages.ts";
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
  /** The section's sentences that best match the query, best first. */
  passages: Passage[];
  /** 0-1: how much of the query the section covers (its telling words weigh more). */
  coverage: number;
  /** The section's short code block that best matches the query, if any. */
  code: string | null;
  /** 0-1: how much of the query that code block (with its comments) covers. */
  codeRelevance: number;
}

/** Searches docs/ and returns the best sections with their links and best sentences. */
export const searchDocsTool: Tool<z.infer<typeof args>, { results: DocCitation[] }> = {
  name: "search_docs",
  description:
    "Search the product documentation. Returns the most relevant sections with title, section, url, a snippet, the best-matching sentences and how much of the query each covers; cite the url of every section you use.",
  args,
  async run({ query, limit }, env) {
    const hits = await env.searchDocs(query, limit ?? 4);
    const results = await Promise.all(hits.map(async (h) => ({
      title: h.title,
      section: h.section,
      url: h.url,
      snippet: h.snippet,
      ...await sectionPassages(h.slug, h.anchor, query),
    })));
    return { results };
  },
};
