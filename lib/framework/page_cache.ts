/**
 * Cached (`config.static`) pages: rendered once, kept as bytes and gzip, and served to anonymous
 * visitors by a fast path in front of Hono and every middleware once a full answer has shown
 * which headers the chain adds.
 */
import type { Context } from "hono";
import { weakEtagMatch } from "./etag.ts";
import { hashBytes } from "./static.ts";

declare module "hono" {
  interface ContextVariableMap {
    /** Set when the response is a cached page, for the fast path to learn its headers. */
    cachedPageHit: { entry: CachedPage; variant: Variant; route: string };
  }
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

/** The encodings a cached page is kept in. */
type Variant = "identity" | "gzip";

/** The final headers of one variant, learned from a full answer: for a 200 and for a 304. */
interface Learned {
  ok: [string, string][];
  notModified: [string, string][];
}

/** A page rendered once, kept as bytes and gzip (encoded and compressed once). */
interface CachedPage {
  body: Uint8Array<ArrayBuffer>;
  gzip: Uint8Array<ArrayBuffer>;
  etag: string;
  gzipEtag: string;
  at: number;
  learned: Partial<Record<Variant, Learned>>;
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

/**
 * The cached pages of one app, by path, each kept `ttlMs` (default: for the life of the
 * process) before it is rendered again, and their fast path.
 */
export class PageCache {
  #pages = new Map<string, CachedPage>();
  #ttlMs: number;
  #fastPath: CachedPageFastPath | undefined;
  #perRequest: Set<string>;

  constructor(ttlMs = Infinity, fastPath?: CachedPageFastPath) {
    this.#ttlMs = ttlMs;
    this.#fastPath = fastPath;
    this.#perRequest = new Set(["content-length", ...fastPath?.perRequestHeaders ?? []]);
  }

  #fresh(path: string): CachedPage | undefined {
    const entry = this.#pages.get(path);
    return entry && Date.now() - entry.at <= this.#ttlMs ? entry : undefined;
  }

  /**
   * The answer of a cached page inside the chain: the cached copy of `path` (made with `make`
   * when missing or expired) in the variant the request accepts, 304 when it revalidates.
   */
  async answer(c: Context, path: string, make: () => Response | Promise<Response>) {
    let entry = this.#fresh(path);
    if (!entry) {
      const made = await make();
      if (made.headers.has(SKIP_PAGE_CACHE)) {
        made.headers.delete(SKIP_PAGE_CACHE);
        return made;
      }
      if (made.status !== 200) return made;
      entry = await cachePage(await made.text());
      this.#pages.set(path, entry);
    }
    const accepted = c.req.header("accept-encoding") ?? null;
    const gzip = accepted !== null && /\bgzip\b/.test(accepted);
    const variant = variantOf(accepted);
    if (variant) c.set("cachedPageHit", { entry, variant, route: c.get("route") });
    const headers: Record<string, string> = {
      "content-type": "text/html; charset=utf-8",
      etag: gzip ? entry.gzipEtag : entry.etag,
      vary: "accept-encoding",
    };
    const known = c.req.header("if-none-match") ?? "";
    if (known === entry.etag || known === entry.gzipEtag) {
      return c.newResponse(null, 304, headers);
    }
    if (!gzip) return c.newResponse(entry.body, 200, headers);
    return c.newResponse(entry.gzip, 200, { ...headers, "content-encoding": "gzip" });
  }

  /** Remembers a cached page's final headers from a full anonymous 200 GET answer. */
  learn(c: Context) {
    const hit = c.get("cachedPageHit");
    const fastPath = this.#fastPath;
    if (!hit || !fastPath || c.req.method !== "GET" || c.res.status !== 200) return;
    const headers = c.res.headers;
    if (headers.has("set-cookie") || headers.has("ratelimit-limit")) return;
    if (!fastPath.anonymous(c.req.raw) || this.#pages.get(pathOf(c.req.url)) !== hit.entry) return;
    const ok = [...headers].filter(([name]) => !this.#perRequest.has(name));
    hit.entry.learned[hit.variant] = {
      ok,
      notModified: ok.filter(([name]) => name !== "content-encoding"),
    };
    hit.entry.route = hit.route;
  }

  /**
   * A cached page's answer with no Hono and no middleware, or null to take the full chain:
   * the learned headers and the bytes kept, plus the request's own id, trace and log line.
   */
  serve(req: Request): Response | null {
    const started = performance.now();
    const fastPath = this.#fastPath;
    const method = req.method;
    if ((method !== "GET" && method !== "HEAD") || !fastPath) return null;
    const path = pathOf(req.url);
    const entry = this.#fresh(path);
    if (!entry) return null;
    const headers = req.headers;
    const variant = variantOf(headers.get("accept-encoding"));
    const learned = variant && entry.learned[variant];
    if (!learned || !fastPath.anonymous(req)) return null;
    const known = headers.get("if-none-match");
    const etag = variant === "gzip" ? entry.gzipEtag : entry.etag;
    const notModified = known !== null &&
      (known === entry.etag || known === entry.gzipEtag || weakEtagMatch(known, etag));
    const status = notModified ? 304 : 200;
    const own = fastPath.stamp(req, { status, route: entry.route ?? path, path, started });
    const body = notModified || method === "HEAD"
      ? null
      : variant === "gzip"
      ? entry.gzip
      : entry.body;
    // Appended to a response made without headers: several times cheaper in Deno than the
    // same list given to the constructor.
    const res = new Response(body, { status });
    const out = res.headers;
    for (const [name, value] of notModified ? learned.notModified : learned.ok) {
      out.append(name, value);
    }
    for (const [name, value] of own) out.append(name, value);
    return res;
  }
}
