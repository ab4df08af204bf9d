/**
 * Cross-site request forgery defence for every unsafe method (POST, PUT, PATCH, DELETE), form
 * and JSON bodies alike: the request must come from our own origin, judged by `Origin`, else
 * `Sec-Fetch-Site`, else `Referer`. A form posted from a `Referrer-Policy: no-referrer` page
 * carries `Origin: null`; then `Sec-Fetch-Site` decides, and without it the request is refused. Requests authenticated by an `Authorization: Bearer` API
 * token are exempt: browsers never attach that header to a cross-site request on their own.
 */
import type { MiddlewareHandler } from "hono";
import { HttpError, stateOf } from "../framework/mod.ts";
import { bearerToken } from "./client_ip.ts";
import "../state.ts";

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Why a request was judged cross-origin, or null when it may proceed. */
export function crossOriginReason(req: Request, allowedOrigins: readonly string[]): string | null {
  if (!UNSAFE.has(req.method) || bearerToken(req)) return null;
  const origin = req.headers.get("origin");
  if (origin !== null && origin !== "null") {
    return allowedOrigins.includes(origin) ? null : "origin foreign";
  }
  const site = req.headers.get("sec-fetch-site");
  if (site !== null) return site === "same-origin" || site === "none" ? null : `fetch site ${site}`;
  if (origin === "null") return "origin null";
  const referer = req.headers.get("referer");
  if (referer !== null) {
    const from = URL.canParse(referer) ? new URL(referer).origin : "";
    return allowedOrigins.includes(from) ? null : "referer foreign";
  }
  return null;
}

/**
 * Middleware refusing cross-origin unsafe requests with 403 `cross_origin_request`. Our origins
 * are `PUBLIC_URL`'s and the one the request was addressed to (a browser cannot forge the Host
 * of a request it sends elsewhere). A request with no Origin, Sec-Fetch-Site or Referer is not
 * from a browser, so it cannot carry a victim's cookies by accident, and proceeds.
 */
export function csrf(): MiddlewareHandler {
  return async (c, next) => {
    if (UNSAFE.has(c.req.method)) {
      const publicOrigin = new URL(stateOf(c).services.settings.publicUrl).origin;
      const own = new URL(c.req.url).origin;
      const reason = crossOriginReason(c.req.raw, [publicOrigin, own]);
      if (reason) {
        throw new HttpError(
          403,
          "cross_origin_request",
          "This request came from another site and was refused. Please submit the form again from this site.",
          {},
          { reason },
        );
      }
    }
    await next();
  };
}
