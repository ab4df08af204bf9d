import type { ComponentChildren } from "preact";
import DocsSearch from "../islands/DocsSearch.tsx";
import type { DocGroup } from "../lib/docs/store.ts";
import type { TocEntry } from "../lib/docs/markdown.ts";

/**
 * The Docs frame: a search bar across the top, the sidebar, the content, and an optional table
 * of contents.
 */
export function DocsShell(
  { groups, current, toc, query, children }: {
    groups: DocGroup[];
    /** Slug of the page shown, for `aria-current`. */
    current?: string;
    toc?: TocEntry[];
    query?: string;
    children: ComponentChildren;
  },
) {
  const hasToc = !!toc && toc.length > 1;
  return (
    <div class={`wrap docs${hasToc ? "" : " no-toc"}`}>
      <div class="docs-search-bar">
        <DocsSearch query={query} />
      </div>
      <main class="prose">{children}</main>
      <aside class="docs-sidebar" aria-label="Documentation">
        <nav aria-label="Docs pages">
          {groups.map((g) => (
            <div key={g.name}>
              <h2>{g.name}</h2>
              <ul>
                {g.pages.map((p) => (
                  <li key={p.slug}>
                    <a href={p.url} aria-current={p.slug === current ? "page" : undefined}>
                      {p.title}
                    </a>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </nav>
      </aside>
      {hasToc && (
        <nav class="toc" aria-labelledby="toc-title">
          <h2 id="toc-title">On this page</h2>
          <ul>
            {toc!.map((t) => (
              <li key={t.id} class={`depth-${t.depth}`}>
                <a href={`#${t.id}`}>{t.text}</a>
              </li>
            ))}
          </ul>
        </nav>
      )}
    </div>
  );
}
