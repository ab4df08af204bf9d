/**
 * `_app` rendered once and reused around pages rendered per request. The shell (head, header,
 * footer, consent banner) is most of a page's markup and, for a given path, meta and visitor
 * kind, the same on every request: it is rendered with a slot where the page goes, split there,
 * and kept; each request renders only its page and joins the parts. Per-request values the
 * shell shows (a trace id) are rendered as placeholders and replaced in the kept text; so are
 * the per-request fields of a page rendered with `perRequest` (page_template.ts).
 */
import { type ComponentType, h } from "preact";
import { renderToString } from "preact-render-to-string";
import type { IslandAssets } from "./bundle.ts";
import { collectIslands } from "./islands.ts";
import { PageTemplates } from "./page_template.ts";
import type { LayoutProps, Meta, PageProps, State } from "./types.ts";

// deno-lint-ignore no-explicit-any
type AnyComponent = ComponentType<any>;

/**
 * How the app shares its shell. `share` returns null when the shell must be rendered for this
 * request alone (a signed-in visitor, whose header names them); otherwise a key for the state
 * `_app` reads, that state with per-request values swapped for placeholders, and the
 * [placeholder, value] pairs to put back (values go in as they are: they must need no HTML
 * escaping). `_app` may depend only on the URL's origin and path, the meta, the route and what
 * `share` covers.
 */
export interface ShellOptions {
  share(state: State): { key: string; state: State; replace: [string, string][] } | null;
}

interface Shell {
  before: string;
  after: string;
  /** The boot script is in `before` already. */
  booted: boolean;
}

const SLOT = `relay-page-slot-${crypto.randomUUID()}`;
const MAX_SHELLS = 500;

/** A cache of shells by route, path, meta and shared state. */
export class ShellCache {
  #shells = new Map<string, Shell>();
  #templates = new PageTemplates();

  constructor(private readonly options: ShellOptions) {}

  /**
   * The document for `page` inside `app`, or null when this request's shell cannot be shared.
   * Island scripts go into `<head>` when the shell or the page used an island.
   */
  render(
    input: {
      app: AnyComponent;
      page: AnyComponent;
      props: PageProps<unknown>;
      meta: Meta;
      assets: IslandAssets;
      /** Fields of the page's data spliced into a kept template (see `RenderInit`). */
      perRequest?: readonly string[];
    },
  ): string | null {
    const { app, page, props, meta, assets } = input;
    const shared = this.options.share(props.state);
    if (!shared) return null;
    const key = JSON.stringify([
      props.route,
      props.url.origin,
      props.url.pathname,
      meta,
      shared.key,
    ]);
    let shell = this.#shells.get(key);
    if (!shell) {
      shell = this.#build(app, { ...props, state: shared.state }, meta, assets);
      if (this.#shells.size >= MAX_SHELLS) this.#shells.clear();
      this.#shells.set(key, shell);
    }
    const renderPage = (p: PageProps<unknown>) =>
      collectIslands(() => renderToString(h(page, p as unknown as Record<string, unknown>)));
    const { result, islands } = (input.perRequest?.length &&
      this.#templates.render(key, props, input.perRequest, renderPage)) || renderPage(props);
    let before = shell.before;
    for (const [placeholder, value] of shared.replace) {
      before = before.replace(placeholder, () => value);
    }
    if (!shell.booted && islands.size > 0 && assets.boot) {
      before = withTags(before, bootTags({ ...assets, page: null }, true));
    }
    return before + result + shell.after;
  }

  #build(app: AnyComponent, props: PageProps<unknown>, meta: Meta, assets: IslandAssets): Shell {
    const Component = () => SLOT;
    const { result, islands } = collectIslands(() =>
      renderToString(
        h(app, { ...props, Component, meta } as LayoutProps<unknown> & Record<string, unknown>),
      )
    );
    const at = result.indexOf(SLOT);
    if (at === -1 || result.indexOf(SLOT, at + 1) !== -1) {
      throw new Error("_app must render its Component exactly once");
    }
    let before = result.slice(0, at);
    if (before.startsWith("<html")) before = `<!DOCTYPE html>${before}`;
    const booted = islands.size > 0 && Boolean(assets.boot);
    const tags = bootTags(assets, booted);
    if (tags) before = withTags(before, tags);
    return { before, after: result.slice(at + SLOT.length), booted };
  }
}

/**
 * The scripts of a page, added before `</head>`: the page module (every page), then, on pages
 * with islands, the islands boot module and its preloads.
 */
export function bootTags(assets: IslandAssets, islands: boolean): string {
  const script = (src: string) => `<script type="module" src="${src}"></script>`;
  const page = assets.page ? script(assets.page) : "";
  if (!islands || !assets.boot) return page;
  return page + assets.bootImports.map((u) => `<link rel="modulepreload" href="${u}">`).join("") +
    script(assets.boot);
}

/** `html` with `tags` added before `</head>` (or in front when it has no head). */
export function withTags(html: string, tags: string): string {
  return html.includes("</head>") ? html.replace("</head>", `${tags}</head>`) : tags + html;
}
