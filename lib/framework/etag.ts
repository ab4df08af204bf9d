/** ETag comparison for conditional requests. */

const opaque = (tag: string) => tag.trim().replace(/^W\//, "");

/** True when an `If-None-Match` header matches `etag` by weak comparison (RFC 9110). */
export function weakEtagMatch(ifNoneMatch: string, etag: string): boolean {
  if (ifNoneMatch.trim() === "*") return true;
  const want = opaque(etag);
  return ifNoneMatch.split(",").some((t) => opaque(t) === want);
}
