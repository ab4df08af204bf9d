import { type Context, Hono, type MiddlewareHandler } from "hono";
import type { ComponentType } from "preact";
import { type IslandAssets, ISLANDS_PREFIX } from "./bundle.ts";
import { HttpError, jsonError, STATUS_TEXT, wantsJson } from "./errors.ts";
import { carriedHeaders, UnsafeHeaderError, unsafeHeaderNames } from "./header_values.ts";
import { islandName, registerIslands } from "./islands.ts";
import { ancestorDirs, comparePatterns, parseRouteFile, type RouteFile } from "./paths.ts";
import { renderDocument } from "./render.ts";
import { ShellCache, type ShellOptions } from "./shell.ts";
import { hashBytes, type StaticFiles } from "./static.ts";
import { weakEtagMatch } from "./etag.ts";
import type {
  FreshContext,
  HandlerFn,
  Handlers,
  Manifest,
  Meta,
  PageProps,
  RouteModule,
  State,
} from "./types.ts";

declare module "hono" {
  interface ContextVariableMap {
    requestId: string;
    traceId: string;
    route: string;
    freshState: State;
    /** Set when the response is a cached page, for the fast path to learn its headers. */
    cachedPageHit: { entry: CachedPage; variant: Variant; route: string };
  }
}

// deno-lint-ignore no-explicit-any
type AnyComponent = ComponentType<any>;
type Chain = HandlerFn[];

/** Options for `createApp`. */
export interface AppOptions {
  manifest: Manifest;
  assets: IslandAssets;
  /** Static files (see `StaticFiles.load`). */
  staticFiles: StaticFiles;
  /** Hono middlewares run for every request, in order, before routing. */
  middlewares?: MiddlewareHandler[];
  /**
   * How long a `config.static` page stays cached before it is rendered again (default: for
   * the life of the process). Pages embedding time-limited values (signed keys) need this.
   */
  staticTtlMs?: number;
  /**
   * Requests for which `config.static` pages are rendered afresh and never cached (a signed-in
   * visitor's, whose header names them); all others share the cached copy.
   */
  personal?: (ctx: FreshContext) => boolean;
  /**
   * Called with every unexpected (5xx) error, including an {@link UnsafeHeaderError}: a response
   * whose header value Deno could not send, answered with a 500 instead.
   */
  onError?: (error: unknown, c: Context) => void;
  /**
   * Serves cached pages to anonymous visitors before Hono and every middleware (see
   * {@link CachedPageFastPath}); without it every request takes the full chain.
   */
  fastPath?: CachedPageFastPath;
  /**
   * Renders `_app` once per path, meta and shared state and reuses it around pages rendered per
   * request (pages with no layout of their own); see {@link ShellOptions}.
   */
  shell?: ShellOptions;
}

/**
 * The fast path for cached (`config.static`) pages. A cached page's first full answer to an
 * anonymous GET (through every middleware) is remembered with its final headers, less the
 * per-request ones; later anonymous GET and HEAD requests for it get those bytes and headers
 * at once, plus what `stamp` adds. Requests it does not know (another encoding, a session,
 * an expired copy, a response that set a cookie or a rate limit) take the full chain.
 */
export interface CachedPageFastPath {
  /** True when the request may share the cached copy with no middleware (carries no session). */
  anonymous(req: Request): boolean;
  /** Response headers that differ per request, added by `stamp` and never replayed. */
  perRequestHeaders: readonly string[];
  /**
   * Records the request (access log, metrics) and returns the per-request headers to add;
   * `started` is `performance.now()` when the request arrived.
   */
  stamp(
    req: Request,
    res: { status: number; route: string; path: string; started: number },
  ): [string, string][];
}

/**
 * A `config.static` page's handler sets this response header to serve its response once
 * without caching it (the data it needs is not available yet); it never reaches the client.
 */
export const SKIP_PAGE_CACHE = "x-skip-page-cache";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

/** The encodings a cached page is kept in. */
type Variant = "identity" | "gzip";

/**
 * A page rendered once, kept as bytes and gzip (encoded and compressed once, not per request),
 * with the final headers of each variant once the fast path has learned them.
 */
interface CachedPage {
  body: Uint8Array<ArrayBuffer>;
  gzip: Uint8Array<ArrayBuffer>;
  etag: string;
  gzipEtag: string;
  at: number;
  learned: Partial<Record<Variant | `${Variant}304`, [string, string][]>>;
  /** The route pattern it answers (for the access log and metrics of fast-path hits). */
  route?: string;
}

async function cachePage(html: string): Promise<CachedPage> {
  const body = new TextEncoder().encode(html);
  const stream = new Blob([body]).stream().pipeThrough(new CompressionStream("gzip"));
  const gzip = new Uint8Array(await new Response(stream).arrayBuffer());
  const hash = await hashBytes(html);
  return { body, gzip, etag: `"${hash}"`, gzipEtag: `"${hash}-gz"`, at: Date.now(), learned: {} };
}

/**
 * The cached variant a request's `Accept-Encoding` selects: gzip when it accepts gzip, the
 * plain bytes when it accepts neither gzip nor deflate, and null otherwise (deflate-only
 * clients are compressed per request by the middleware chain).
 */
function variantOf(acceptEncoding: string | null): Variant | null {
  if (!acceptEncoding) return "identity";
  if (/\bgzip\b/.test(acceptEncoding)) return "gzip";
  return /\bdeflate\b/.test(acceptEncoding) ? null : "identity";
}

/** The path of an absolute request URL, without the query (no URL parsing per request). */
function pathOf(url: string): string {
  const start = url.indexOf("/", url.indexOf("//") + 2);
  if (start === -1) return "/";
  const query = url.indexOf("?", start);
  const hash = url.indexOf("#", start);
  const end = query === -1 ? (hash === -1 ? url.length : hash) : query;
  return url.slice(start, end);
}

/** The per-request state object shared by middlewares, handlers and pages. */
export function stateOf(c: Context): State {
  let state = c.get("freshState");
  if (!state) c.set("freshState", state = {} as State);
  return state;
}

/**
 * Builds the Hono app from the manifest: file routes, layouts, middlewares, islands, static.
 * Outermost, every response's header values are checked (header_values.ts): one that cannot be
 * sent becomes a 500 with the request id, so no route can crash the process. A HEAD answer's
 * body is cancelled there too, so streams started for it end at once.
 */
export function createApp(options: AppOptions): Hono {
  const { manifest, assets } = options;
  registerIslands(
    Object.fromEntries(
      Object.entries(manifest.islands).map(([k, m]) => [islandName(k), m.default]),
    ),
  );
  const files = Object.keys(manifest.routes).map(parseRouteFile);
  const special = (kind: RouteFile["kind"], dir: string) =>
    files.find((f) => f.kind === kind && f.dir === dir);
  const mod = (f: RouteFile | undefined): RouteModule | undefined =>
    f ? manifest.routes[f.key] : undefined;
  const appComponent = mod(special("app", ""))?.default as AnyComponent | undefined;
  const { staticFiles } = options;
  const pageCache = new Map<string, CachedPage>();
  const staticTtlMs = options.staticTtlMs ?? Infinity;

  const middlewaresFor = (dir: string): Chain =>
    ancestorDirs(dir).flatMap((d) => {
      const h = mod(special("middleware", d))?.handler;
      return h ? (Array.isArray(h) ? h : [h as HandlerFn]) : [];
    });
  const layoutCache = new Map<string, AnyComponent[]>();
  const layoutsFor = (dir: string): AnyComponent[] => {
    let layouts = layoutCache.get(dir);
    if (!layouts) {
      layouts = ancestorDirs(dir).flatMap((d) => {
        const c = mod(special("layout", d))?.default;
        return c ? [c as AnyComponent] : [];
      });
      layoutCache.set(dir, layouts);
    }
    return layouts;
  };
  const shells = options.shell ? new ShellCache(options.shell) : null;

  const render = (
    route: RouteFile,
    module: RouteModule,
    props: PageProps<unknown>,
    init: ResponseInit & { meta?: Meta } = {},
  ): Response => {
    const declared = typeof module.meta === "function" ? module.meta(props) : module.meta;
    const meta: Meta = { ...declared, ...init.meta };
    const layouts = layoutsFor(route.dir);
    const page = module.default as AnyComponent;
    const html = (shells && appComponent && layouts.length === 0 && !props.cached &&
      shells.render({ app: appComponent, page, props, meta, assets })) ||
      renderDocument({ app: appComponent, layouts, page, props, meta, assets });
    const headers = new Headers(init.headers);
    headers.set("content-type", "text/html; charset=utf-8");
    if (!headers.has("cache-control")) headers.set("cache-control", "no-store");
    return new Response(html, { status: init.status ?? 200, headers });
  };

  const context = (c: Context, route: RouteFile | null, chain: Chain, final: HandlerFn) => {
    const url = new URL(c.req.url);
    const ctx: FreshContext = {
      req: c.req.raw,
      url,
      params: route ? c.req.param() as Record<string, string> : {},
      state: stateOf(c),
      route: route?.pattern ?? null,
      hono: c,
      render: () => Promise.reject(new Error("render is not available here")),
      next: () => Promise.reject(new Error("next is only available in middleware")),
    };
    let index = -1;
    const dispatch = (i: number): Promise<Response> => {
      if (i <= index) return Promise.reject(new Error("next() called twice"));
      index = i;
      const fn = i < chain.length ? chain[i] : final;
      return Promise.resolve(
        fn({ ...ctx, next: () => dispatch(i + 1), render: ctx.render }),
      );
    };
    return () => dispatch(0);
  };

  const pageProps = (ctx: FreshContext, data: unknown): PageProps<unknown> => ({
    data,
    params: ctx.params,
    url: ctx.url,
    state: ctx.state,
    route: ctx.route,
    error: ctx.error,
  });

  /**
   * Props for a page rendered once for the cache: `cached` tells `_app` and layouts to leave
   * out per-request values (trace context, the visitor), and the URL carries no query string.
   */
  const cachedProps = (ctx: FreshContext, data?: unknown): PageProps<unknown> => ({
    ...pageProps(ctx, data),
    url: new URL(ctx.url.pathname, ctx.url.origin),
    cached: true,
  });

  const notFoundFile = special("notFound", "");
  const errorFile = special("error", "");

  const renderError = (c: Context, status: number, error: unknown): Response => {
    const url = new URL(c.req.url);
    const requestId = c.get("requestId") ?? "";
    const http = error instanceof HttpError ? error : undefined;
    const [code, message] = http && status < 500
      ? [http.code, http.message]
      : STATUS_TEXT[status] ?? STATUS_TEXT[500];
    const headers = new Headers(http?.headers);
    if (wantsJson(c.req.raw, url)) {
      return jsonError(status, code, message, requestId, headers, http?.details);
    }
    const file = status === 404 ? notFoundFile ?? errorFile : errorFile;
    const module = mod(file);
    if (!file || !module?.default) {
      headers.set("content-type", "text/plain; charset=utf-8");
      return new Response(`${status} ${message}`, { status, headers });
    }
    const props: PageProps<unknown> = {
      data: { status, code, message, requestId },
      params: {},
      url,
      state: stateOf(c),
      route: null,
      error,
    };
    return render(file, module, props, { status, headers });
  };

  const hono = new Hono();
  hono.use("*", async (c, next) => {
    await next();
    if (c.req.method === "HEAD" && c.res.body) {
      const head = c.res;
      await head.body?.cancel().catch(() => {});
      c.res = undefined;
      c.res = new Response(null, { status: head.status, headers: head.headers });
    }
    const bad = unsafeHeaderNames(c.res.headers);
    if (bad.length === 0) {
      learn(c);
      return;
    }
    const failed = c.res;
    await failed.body?.cancel().catch(() => {});
    const error = new UnsafeHeaderError(bad);
    options.onError?.(error, c);
    const replacement = renderError(c, 500, error);
    for (const [name, value] of carriedHeaders(failed.headers)) {
      if (!replacement.headers.has(name)) replacement.headers.set(name, value);
    }
    c.res = undefined;
    c.res = replacement;
  });
  for (const mw of options.middlewares ?? []) hono.use("*", mw);
  hono.use("*", async (c, next) => {
    const file = staticFiles.serve(c.req.raw, new URL(c.req.url));
    if (file) return file;
    await next();
  });

  hono.get(`${ISLANDS_PREFIX}*`, (c) => {
    const file = assets.files.get(new URL(c.req.url).pathname);
    if (!file) return renderError(c, 404, new HttpError(404, "not_found", "No such asset."));
    return c.newResponse(file.contents as Uint8Array<ArrayBuffer>, {
      headers: {
        "content-type": file.contentType,
        "cache-control": "public, max-age=31536000, immutable",
      },
    });
  });

  const routes = files.filter((f) => f.kind === "route")
    .sort((a, b) => comparePatterns(a.pattern, b.pattern));
  for (const route of routes) {
    const module = manifest.routes[route.key];
    const chain = middlewaresFor(route.dir);
    const handler = module.handler;
    const allowed = typeof handler === "function"
      ? [...METHODS, "HEAD"]
      : handler
      ? Object.keys(handler).flatMap((m) => m === "GET" ? ["GET", "HEAD"] : [m])
      : ["GET", "HEAD"];
    hono.all(route.pattern, async (c) => {
      c.set("route", route.pattern);
      const method = c.req.method === "HEAD" ? "GET" : c.req.method;
      const run = context(c, route, chain, (inner) => {
        inner.render = (data, init) => {
          if (!module.default) throw new Error(`${route.key} has no page component`);
          return Promise.resolve(render(route, module, pageProps(inner, data), init));
        };
        if (typeof handler === "function") return handler(inner);
        const fn = handler ? (handler as Handlers)[method as keyof Handlers] : undefined;
        if (fn && method === "GET" && module.config?.static) {
          if (options.personal?.(inner)) return fn(inner);
          inner.render = (data, init) =>
            Promise.resolve(render(route, module, cachedProps(inner, data), init));
          return cachedPage(c, inner, () => fn(inner));
        }
        if (fn) return fn(inner);
        if (!handler && method === "GET" && module.default) {
          return module.config?.static && !options.personal?.(inner)
            ? cachedPage(c, inner, () => render(route, module, cachedProps(inner)))
            : inner.render(undefined);
        }
        throw new HttpError(405, "method_not_allowed", "This method is not allowed here.", {
          allow: allowed.join(", "),
        });
      });
      return await run();
    });
  }

  const cachedPage = async (
    c: Context,
    ctx: FreshContext,
    make: () => Response | Promise<Response>,
  ) => {
    const key = ctx.url.pathname;
    let entry = pageCache.get(key);
    if (!entry || Date.now() - entry.at > staticTtlMs) {
      const made = await make();
      if (made.headers.has(SKIP_PAGE_CACHE)) {
        made.headers.delete(SKIP_PAGE_CACHE);
        return made;
      }
      if (made.status !== 200) return made;
      entry = await cachePage(await made.text());
      pageCache.set(key, entry);
    }
    const gzip = /\bgzip\b/.test(c.req.header("accept-encoding") ?? "");
    const variant = variantOf(c.req.header("accept-encoding") ?? null);
    if (variant) c.set("cachedPageHit", { entry, variant, route: c.get("route") });
    const etag = gzip ? entry.gzipEtag : entry.etag;
    const headers: Record<string, string> = {
      "content-type": "text/html; charset=utf-8",
      etag,
      vary: "accept-encoding",
    };
    const known = c.req.header("if-none-match") ?? "";
    if (known === entry.etag || known === entry.gzipEtag) {
      return c.newResponse(null, 304, headers);
    }
    if (!gzip) return c.newResponse(entry.body, 200, headers);
    return c.newResponse(entry.gzip, 200, {
      ...headers,
      "content-encoding": "gzip",
    });
  };

  const rootChain = middlewaresFor("");
  hono.notFound(async (c) => {
    const run = context(c, null, rootChain, () => renderError(c, 404, null));
    return await run();
  });

  hono.onError((error, c) => {
    const status = error instanceof HttpError ? error.status : 500;
    if (status >= 500) options.onError?.(error, c);
    return renderError(c, status, error);
  });

  const fastPath = options.fastPath;
  const perRequest = new Set(["content-length", ...fastPath?.perRequestHeaders ?? []]);

  /** Remembers a cached page's final headers from a full anonymous 200 GET answer. */
  const learn = (c: Context) => {
    const hit = c.get("cachedPageHit");
    if (!hit || !fastPath || c.req.method !== "GET" || c.res.status !== 200) return;
    const headers = c.res.headers;
    if (headers.has("set-cookie") || headers.has("ratelimit-limit")) return;
    if (!fastPath.anonymous(c.req.raw) || pageCache.get(pathOf(c.req.url)) !== hit.entry) return;
    const kept = [...headers].filter(([name]) => !perRequest.has(name));
    hit.entry.learned[hit.variant] = kept;
    hit.entry.learned[`${hit.variant}304`] = kept.filter(([name]) => name !== "content-encoding");
    hit.entry.route = hit.route;
  };

  /** A cached page's answer without Hono or middleware, or null to take the full chain. */
  const fast = (req: Request): Response | null => {
    const started = performance.now();
    const method = req.method;
    if ((method !== "GET" && method !== "HEAD") || !fastPath) return null;
    const path = pathOf(req.url);
    const entry = pageCache.get(path);
    if (!entry || Date.now() - entry.at > staticTtlMs) return null;
    const variant = variantOf(req.headers.get("accept-encoding"));
    const learned = variant && entry.learned[variant];
    if (!learned || !fastPath.anonymous(req)) return null;
    const known = req.headers.get("if-none-match");
    const notModified = known !== null && (known === entry.etag || known === entry.gzipEtag ||
      weakEtagMatch(known, variant === "gzip" ? entry.gzipEtag : entry.etag));
    const status = notModified ? 304 : 200;
    const own = fastPath.stamp(req, { status, route: entry.route ?? path, path, started });
    const headers = (notModified ? entry.learned[`${variant}304`]! : learned).concat(own);
    const body = notModified || method === "HEAD"
      ? null
      : variant === "gzip"
      ? entry.gzip
      : entry.body;
    return new Response(body, { status, headers });
  };

  if (fastPath) {
    const full = hono.fetch;
    hono.fetch = (req, env, ctx) => fast(req) ?? full(req, env, ctx);
  }
  return hono;
}
