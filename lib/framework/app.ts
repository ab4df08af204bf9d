import { type Context, Hono, type MiddlewareHandler } from "hono";
import type { ComponentType } from "preact";
import { type IslandAssets, ISLANDS_PREFIX } from "./bundle.ts";
import { HttpError, jsonError, STATUS_TEXT, wantsJson } from "./errors.ts";
import { carriedHeaders, UnsafeHeaderError, unsafeHeaderNames } from "./header_values.ts";
import { islandName, registerIslands } from "./islands.ts";
import { ancestorDirs, comparePatterns, parseRouteFile, type RouteFile } from "./paths.ts";
import { renderDocument } from "./render.ts";
import { ShellCache, type ShellOptions } from "./shell.ts";
import type { StaticFiles } from "./static.ts";
import { type CachedPageFastPath, PageCache } from "./page_cache.ts";
import type {
  FreshContext,
  HandlerFn,
  Handlers,
  Manifest,
  Meta,
  PageProps,
  RenderInit,
  RouteModule,
  State,
} from "./types.ts";

declare module "hono" {
  interface ContextVariableMap {
    requestId: string;
    traceId: string;
    route: string;
    freshState: State;
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

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

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
  const pageCache = new PageCache(options.staticTtlMs, options.fastPath);

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
    init: RenderInit = {},
  ): Response => {
    const declared = typeof module.meta === "function" ? module.meta(props) : module.meta;
    const meta: Meta = { ...declared, ...init.meta };
    const layouts = layoutsFor(route.dir);
    const page = module.default as AnyComponent;
    const html = (shells && appComponent && layouts.length === 0 && !props.cached &&
      shells.render({
        app: appComponent,
        page,
        props,
        meta,
        assets,
        perRequest: init.perRequest,
      })) ||
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
      pageCache.learn(c);
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

  const cachedPage = (c: Context, ctx: FreshContext, make: () => Response | Promise<Response>) =>
    pageCache.answer(c, ctx.url.pathname, make);

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

  if (options.fastPath) {
    const full = hono.fetch;
    hono.fetch = (req, env, ctx) => pageCache.serve(req) ?? full(req, env, ctx);
  }
  return hono;
}
