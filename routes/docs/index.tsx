import { DocsShell } from "../../components/DocsShell.tsx";
import { slugify } from "../../lib/docs/markdown.ts";
import { type DocsSite, getDocsSite } from "../../lib/docs/store.ts";
import type { Handlers, Meta, PageProps } from "../../lib/framework/mod.ts";

/** Docs index metadata. */
export const meta: Meta = {
  title: "Documentation",
  description:
    "Relay documentation: get started, run it locally, configure it, use the runs and demo feed APIs, deploy and operate it.",
};

/** Lists every docs page by group. */
export const handler: Handlers<{ site: DocsSite }> = {
  GET: async (ctx) => ctx.render({ site: await getDocsSite() }),
};

/** The Docs home: what is documented, by group. */
export default function DocsIndex({ data }: PageProps<{ site: DocsSite }>) {
  const { site } = data;
  return (
    <DocsShell groups={site.groups}>
      <h1>Documentation</h1>
      <p class="lead">
        Everything to run Relay, call its APIs and keep it healthy in production. Search from the
        box on this page, or start with <a href="/docs/getting-started">Getting started</a>.
      </p>
      {site.groups.map((g) => (
        <section key={g.name} aria-labelledby={`group-${slugify(g.name)}`}>
          <h2 id={`group-${slugify(g.name)}`}>{g.name}</h2>
          <ul>
            {g.pages.map((p) => (
              <li key={p.slug}>
                <a href={p.url}>{p.title}</a>: {site.bySlug.get(p.slug)?.description}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </DocsShell>
  );
}
