import { DocsShell } from "../../components/DocsShell.tsx";
import { type DocPage, type DocsSite, getDocsSite } from "../../lib/docs/store.ts";
import { type Handlers, HttpError, type PageProps } from "../../lib/framework/mod.ts";

interface DocData {
  site: DocsSite;
  page: DocPage;
}

/** Each page's title and description, and TechArticle structured data. */
export const meta = ({ data }: PageProps<DocData>) => ({
  title: data.page.title,
  description: data.page.description,
  ogType: "article",
  jsonLd: [{
    "@context": "https://schema.org",
    "@type": "TechArticle",
    headline: data.page.title,
    description: data.page.description,
    articleSection: data.page.group,
  }],
});

/** Renders a docs page by slug; unknown slugs are a 404. */
export const handler: Handlers<DocData> = {
  GET: async (ctx) => {
    const site = await getDocsSite();
    const page = site.bySlug.get(ctx.params.slug);
    if (!page) throw new HttpError(404, "not_found", "There is no docs page at this address.");
    return ctx.render({ site, page }, { headers: { "cache-control": "public, max-age=300" } });
  },
};

/** The page body: HTML rendered on the server from our own Markdown (raw HTML escaped). */
function DocBody({ html }: { html: string }) {
  // deno-lint-ignore react-no-danger
  return <div dangerouslySetInnerHTML={{ __html: html }} />;
}

/** One docs page: content with heading anchors, table of contents, previous and next. */
export default function Doc({ data }: PageProps<DocData>) {
  const { site, page } = data;
  return (
    <DocsShell groups={site.groups} current={page.slug} toc={page.toc}>
      <p class="eyebrow">{page.group}</p>
      <h1>{page.title}</h1>
      <DocBody html={page.html} />
      <nav class="pager" aria-label="Previous and next page">
        {page.prev && (
          <a href={page.prev.url} rel="prev">
            <span>Previous</span>
            {page.prev.title}
          </a>
        )}
        {page.next && (
          <a class="next" href={page.next.url} rel="next">
            <span>Next</span>
            {page.next.title}
          </a>
        )}
      </nav>
    </DocsShell>
  );
}
