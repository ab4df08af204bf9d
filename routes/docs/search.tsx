import { z } from "zod";
import { DocsShell } from "../../components/DocsShell.tsx";
import { type DocHit, searchDocs } from "../../lib/docs/search.ts";
import { type DocsSite, getDocsSite } from "../../lib/docs/store.ts";
import type { Handlers, Meta, PageProps } from "../../lib/framework/mod.ts";

interface SearchData {
  site: DocsSite;
  query: string;
  hits: DocHit[];
}

/** Search results are not indexed by search engines. */
export const meta: Meta = {
  title: "Search the docs",
  description: "Full-text search over the Relay documentation.",
  noindex: true,
};

const querySchema = z.string().trim().max(200).catch("");

/** `GET /docs/search?q=`: results without JavaScript. */
export const handler: Handlers<SearchData> = {
  GET: async (ctx) => {
    const query = querySchema.parse(ctx.url.searchParams.get("q") ?? "");
    const [site, hits] = await Promise.all([
      getDocsSite(),
      query ? searchDocs(query, 20) : Promise.resolve([]),
    ]);
    return ctx.render({ site, query, hits });
  },
};

/** The results page. */
export default function DocsSearchPage({ data }: PageProps<SearchData>) {
  const { site, query, hits } = data;
  return (
    <DocsShell groups={site.groups} query={query}>
      <h1>{query ? `Results for “${query}”` : "Search the docs"}</h1>
      {!query && <p>Type a word or a question in the search box, for example “rotate secrets”.</p>}
      {query && hits.length === 0 && (
        <p>
          Nothing matched. Try fewer or different words, or browse the{" "}
          <a href="/docs">documentation index</a>.
        </p>
      )}
      {hits.length > 0 && (
        <>
          <p class="muted">{hits.length} section{hits.length === 1 ? "" : "s"} found.</p>
          <ol class="search-results">
            {hits.map((h) => (
              <li key={h.url}>
                <a href={h.url}>{h.section === h.title ? h.title : `${h.title}: ${h.section}`}</a>
                <p>{h.snippet}</p>
              </li>
            ))}
          </ol>
        </>
      )}
    </DocsShell>
  );
}
