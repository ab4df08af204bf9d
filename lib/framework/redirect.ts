/**
 * The one way to answer with a redirect: same-site paths are normalised and checked after
 * normalising, anything that could lead to another site falls back, and the `Location` value
 * is always serialised by the URL parser (ASCII, percent-encoded), so it is a safe header.
 */

const BASE = "http://relay.invalid";
// deno-lint-ignore no-control-regex
const RAW_REFUSED = /[\\\u0000-\u001f\u007f]/;

/**
 * `raw` as a same-origin path (`/a/../b?x=1` gives `/b?x=1`), or null when it is absolute,
 * scheme-relative (`//host`, also once normalised: `/..//host`, `/.%2e//host`), holds a
 * backslash or a control character, or is longer than `maxLength`.
 */
export function sameSitePath(raw: unknown, maxLength = 2000): string | null {
  if (typeof raw !== "string" || raw.length === 0 || raw.length > maxLength) return null;
  if (!raw.startsWith("/") || raw.startsWith("//") || RAW_REFUSED.test(raw)) return null;
  let url: URL;
  try {
    url = new URL(raw, BASE);
  } catch {
    return null;
  }
  if (url.origin !== BASE) return null;
  const path = url.pathname + url.search + url.hash;
  if (!path.startsWith("/") || path.startsWith("//") || RAW_REFUSED.test(path)) return null;
  const again = new URL(path, BASE);
  return again.origin === BASE && again.href === url.href ? path : null;
}

/** Options for {@link redirect}. */
export interface RedirectInit {
  /** 303 (default: after a form post, GET the target), 302, 307 or 308. */
  status?: 302 | 303 | 307 | 308;
  headers?: HeadersInit;
  /** Where to go when `to` is not a safe same-site path (default `/`). */
  fallback?: string;
}

/**
 * A redirect response. A string target must be a same-site path ({@link sameSitePath}), else
 * `fallback` is used; a `URL` object (an identity provider's authorization URL) is allowed only
 * with http(s). Sets `cache-control: no-store` unless `headers` says otherwise.
 */
export function redirect(to: string | URL, init: RedirectInit = {}): Response {
  const headers = new Headers(init.headers);
  let location: string;
  if (to instanceof URL) {
    if (to.protocol !== "https:" && to.protocol !== "http:") {
      throw new TypeError(`refusing to redirect to a ${to.protocol} URL`);
    }
    location = to.href;
  } else {
    location = sameSitePath(to) ?? sameSitePath(init.fallback) ?? "/";
  }
  headers.set("location", location);
  if (!headers.has("cache-control")) headers.set("cache-control", "no-store");
  return new Response(null, { status: init.status ?? 303, headers });
}
