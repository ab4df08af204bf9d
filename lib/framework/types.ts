import type { ComponentType, VNode } from "preact";
import type { Context } from "hono";

/** Per-request state shared by middlewares, handlers and pages. Extend it by declaration merging. */
// deno-lint-ignore no-empty-interface
export interface State {}

/** Page metadata rendered into `<head>` by `_app`. */
export interface Meta {
  title?: string;
  description?: string;
  /** Path or absolute URL of the canonical page; defaults to the request path. */
  canonical?: string;
  /** Open Graph type (default "website"). */
  ogType?: string;
  /** `noindex` pages are left out of search engines and the sitemap. */
  noindex?: boolean;
  /** JSON-LD objects rendered as `application/ld+json` blocks. */
  jsonLd?: Record<string, unknown>[];
}

/** Options of `ctx.render`: the response's status and headers, meta, per-request fields. */
export interface RenderInit extends ResponseInit {
  meta?: Meta;
  /**
   * Top-level fields of `data` whose string value differs on every request (a signed form
   * token): the page is rendered once with placeholders in their place and the values are
   * spliced into the kept text per request. They must be URL-safe text (letters, digits,
   * `.`, `_`, `-`, `~`: nothing HTML or JSON escapes); the page may then depend only on
   * `data`, the route, the URL's path and query, and state that is the same for every visitor
   * sharing the shell.
   */
  perRequest?: readonly string[];
}

/** The context every handler and middleware receives. */
export interface FreshContext<Data = unknown> {
  req: Request;
  url: URL;
  params: Record<string, string>;
  state: State;
  /** Matched route pattern (e.g. `/docs/:slug*`), or null for not-found. */
  route: string | null;
  /** Renders the route's page with `data`; for `_404` and `_500` renders the error page. */
  render(data?: Data, init?: RenderInit): Promise<Response>;
  /** Middleware only: runs the rest of the chain. */
  next(): Promise<Response>;
  /** The underlying Hono context (cookies, streaming helpers). */
  hono: Context;
  /** The error, when rendering `_500`. */
  error?: unknown;
}

/** A handler function. */
export type HandlerFn<Data = unknown> = (ctx: FreshContext<Data>) => Response | Promise<Response>;

/** Handlers per HTTP method. */
export type Handlers<Data = unknown> = Partial<
  Record<"GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "OPTIONS", HandlerFn<Data>>
>;

/** What a page component receives. */
export interface PageProps<Data = unknown> {
  data: Data;
  params: Record<string, string>;
  url: URL;
  state: State;
  route: string | null;
  error?: unknown;
  /**
   * True when the page is rendered once for the page cache (`config.static`) and served to
   * every visitor: leave out anything per request (trace ids, the signed-in user).
   */
  cached?: boolean;
}

/** What `_app` and `_layout` receive: the page props plus the inner component. */
export interface LayoutProps<Data = unknown> extends PageProps<Data> {
  Component: ComponentType<Record<string, never>>;
  meta: Meta;
}

/** Route options. */
export interface RouteConfig {
  /**
   * The page does not depend on the visitor: render it once per build and serve it from memory
   * with an ETag. A GET handler, if any, runs only when the page is rendered again (its data,
   * such as the site's figures, is refreshed with the page); only a 200 response is cached.
   */
  static?: boolean;
}

/** A module under routes/. */
export interface RouteModule {
  // deno-lint-ignore no-explicit-any
  handler?: HandlerFn<any> | Handlers<any> | HandlerFn<any>[];
  // deno-lint-ignore no-explicit-any
  default?: ComponentType<any>;
  // deno-lint-ignore no-explicit-any
  meta?: Meta | ((props: PageProps<any>) => Meta);
  config?: RouteConfig;
}

/** A module under islands/. */
export interface IslandModule {
  // deno-lint-ignore no-explicit-any
  default: ComponentType<any>;
}

/** The generated manifest (fresh.gen.ts). */
export interface Manifest {
  /** Keys are paths relative to routes/, e.g. `./routes/docs/[...slug].tsx`. */
  routes: Record<string, RouteModule>;
  /** Keys are paths relative to the project, e.g. `./islands/Counter.tsx`. */
  islands: Record<string, IslandModule>;
  baseUrl: string;
}

/** Build-time framework settings (fresh.config.ts). */
export interface FreshConfig {
  islands?: {
    /**
     * Module (path from the project root) exporting `reportErrorEvent(event)` (for `error` and
     * `unhandledrejection` events) and `reportClientError(kind, error, extra)`; the boot module
     * imports it when an error happens.
     */
    errorReporter?: string;
    /**
     * Module (path from the project root) the boot module runs on every page, before any
     * island: plain DOM code for what every page needs (consent banner, page tracking). Keep
     * it free of Preact so pages without islands stay small.
     */
    pageScript?: string;
  };
}

/** Rendered element type, re-exported for components. */
export type { VNode };
