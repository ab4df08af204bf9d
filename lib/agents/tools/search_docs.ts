/** `search_docs`: full-text search over the product docs, returning citable sections. */
import { z } from "zod";
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
}

/** Searches docs/ and returns the best sections with their links. */
export const searchDocsTool: Tool<z.infer<typeof args>, { results: DocCitation[] }> = {
  name: "search_docs",
  description:
    "Search the product documentation. Returns the most relevant sections with title, section, url and a snippet; cite the url of every section you use.",
  args,
  async run({ query, limit }, env) {
    const hits = await env.searchDocs(query, limit ?? 4);
    return {
      results: hits.map((h) => ({
        title: h.title,
        section: h.section,
        url: h.url,
        snippet: h.snippet,
      })),
    };
  },
};
