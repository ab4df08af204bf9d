/**
 * Response header values a client can be sent. RFC 9110 field-values hold visible characters,
 * spaces, tabs and obs-text; Deno's HTTP writer panics (and the process exits) on any other
 * control character, so the framework checks every response before it leaves.
 */

/** True when `value` is a valid field-value: no control character but HTAB, no DEL, bytes only. */
export function isSafeHeaderValue(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09) || c === 0x7f || c > 0xff) return false;
  }
  return true;
}

/** The names of the headers whose values are not safe to send (empty when all are). */
export function unsafeHeaderNames(headers: Headers): string[] {
  const bad: string[] = [];
  headers.forEach((value, name) => {
    if (!isSafeHeaderValue(value)) bad.push(name);
  });
  return bad;
}

/** A response header that could not be sent: reported as a 500 instead of crashing. */
export class UnsafeHeaderError extends Error {
  constructor(readonly headerNames: string[]) {
    super(`unsafe response header value in: ${headerNames.join(", ")}`);
    this.name = "UnsafeHeaderError";
  }
}

/** Headers of a failed response that describe its body or state and must not carry over. */
const REPRESENTATION = new Set([
  "cache-control",
  "content-disposition",
  "content-encoding",
  "content-length",
  "content-range",
  "content-type",
  "etag",
  "last-modified",
  "link",
  "location",
  "refresh",
  "set-cookie",
]);

/** The headers of `failed` worth keeping on the 500 that replaces it (security headers, ids). */
export function carriedHeaders(failed: Headers): [string, string][] {
  const out: [string, string][] = [];
  failed.forEach((value, name) => {
    if (!REPRESENTATION.has(name) && isSafeHeaderValue(value)) out.push([name, value]);
  });
  return out;
}
