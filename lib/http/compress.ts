/**
 * Response compression (gzip or deflate, from `Accept-Encoding`) for pages, CSS, JavaScript and
 * JSON; never for event streams, small bodies or `Cache-Control: no-transform`. A compressed
 * body gets a weak ETag, so conditional requests are matched weakly here first: a browser
 * revalidating with `If-None-Match: W/"..."` still gets its 304.
 */
import type { MiddlewareHandler } from "hono";
import { compress } from "hono/compress";
import { weakEtagMatch } from "../framework/etag.ts";

export { weakEtagMatch };

/** The compression middleware (with weak-ETag revalidation). */
export function compression(): MiddlewareHandler {
  const gzip = compress();
  return async (c, next) => {
    await next();
    const etag = c.res.headers.get("etag");
    const ifNoneMatch = c.req.header("if-none-match");
    if (
      c.res.status === 200 && etag && ifNoneMatch && weakEtagMatch(ifNoneMatch, etag) &&
      (c.req.method === "GET" || c.req.method === "HEAD")
    ) {
      await c.res.body?.cancel();
      const headers = new Headers(c.res.headers);
      headers.delete("content-length");
      c.res = undefined;
      c.res = new Response(null, { status: 304, headers });
      return;
    }
    await gzip(c, () => Promise.resolve());
  };
}
