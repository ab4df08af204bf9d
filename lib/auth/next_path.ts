/** Post-sign-in redirects: only same-origin relative paths, never another site. */

/** Where a signed-in user lands when no (valid) `next` was given. */
export const DEFAULT_NEXT = "/dashboard";

const BASE = "http://relay.invalid";

/**
 * `raw` when it is a same-origin relative path (`/dashboard?x=1`), else `fallback`. Refuses
 * scheme-relative (`//evil.example`), absolute (`https://evil.example`) and backslash
 * (`/\evil.example`) forms, control characters, and anything that resolves elsewhere.
 */
export function safeNext(raw: string | null | undefined, fallback = DEFAULT_NEXT): string {
  if (typeof raw !== "string" || raw.length === 0 || raw.length > 2000) return fallback;
  if (!raw.startsWith("/") || raw.startsWith("//")) return fallback;
  // deno-lint-ignore no-control-regex
  if (/[\\\u0000-\u001f\u007f]/.test(raw)) return fallback;
  let url: URL;
  try {
    url = new URL(raw, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  return url.pathname + url.search + url.hash;
}
