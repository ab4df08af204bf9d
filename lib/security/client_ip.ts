/**
 * Who is calling: the client address (optionally from a trusted reverse proxy's headers) and
 * the rate-limit subjects built from it, from API tokens, sessions and workspaces.
 */
import type { Context } from "hono";

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** Strips ports, brackets and quotes from a forwarded address; null when it is not an IP. */
export function normalizeIp(raw: string): string | null {
  let s = raw.trim().replace(/^"|"$/g, "");
  if (s.startsWith("[")) s = s.slice(1, s.indexOf("]") > 0 ? s.indexOf("]") : undefined);
  else if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(s)) s = s.slice(0, s.lastIndexOf(":"));
  if (s.toLowerCase().startsWith("::ffff:") && IPV4.test(s.slice(7))) s = s.slice(7);
  const v4 = IPV4.exec(s);
  if (v4) return v4.slice(1).every((p) => Number(p) <= 255) ? s : null;
  return /^[0-9a-fA-F:.]+$/.test(s) && s.includes(":") ? s.toLowerCase() : null;
}

/** The last address a `Forwarded` header lists (`for=...`), i.e. the one our proxy added. */
function lastForwarded(header: string): string | null {
  const parts = header.split(",").map((p) => /for=("[^"]*"|[^;,\s]+)/i.exec(p)?.[1]).filter(
    Boolean,
  ) as string[];
  return parts.length ? normalizeIp(parts[parts.length - 1]) : null;
}

/**
 * The client's IP address. With `trustedProxy`, the right-most `X-Forwarded-For` (or
 * `Forwarded: for=`) entry, the one the proxy in front of us appended (left-most entries are
 * whatever the client claimed). Otherwise the socket peer. "unknown" when neither is known.
 */
export function clientIp(req: Request, remoteAddr: string | undefined, trustedProxy: boolean) {
  if (trustedProxy) {
    const xff = req.headers.get("x-forwarded-for");
    const fromXff = xff ? normalizeIp(xff.split(",").pop() ?? "") : null;
    const forwarded = req.headers.get("forwarded");
    const ip = fromXff ?? (forwarded ? lastForwarded(forwarded) : null);
    if (ip) return ip;
  }
  return (remoteAddr && normalizeIp(remoteAddr)) || "unknown";
}

/** The socket peer address Deno.serve handed Hono (`c.env.remoteAddr`), if any. */
export function remoteAddrOf(c: Context): string | undefined {
  const env = c.env as { remoteAddr?: { hostname?: string } } | undefined;
  return env?.remoteAddr?.hostname;
}

/**
 * Rate-limit subject for an address: IPv4 as is, IPv6 by its /64 network (one customer usually
 * holds a whole /64, so per-address limits would be trivial to dodge).
 */
export function ipSubject(ip: string): string {
  if (!ip.includes(":")) return `ip:${ip}`;
  const [head, tail = ""] = ip.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = ip.includes("::")
    ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill("0"), ...right]
    : left;
  return `ip6:${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, "")).join(":")}::/64`;
}

async function digest(text: string): Promise<string> {
  const bytes = new Uint8Array(
    await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)),
  );
  return Array.from(bytes.slice(0, 12), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Subject for an API token (hashed: KV keys never hold the token itself). */
export async function tokenSubject(token: string): Promise<string> {
  return `token:${await digest(token)}`;
}

/** Subject for a session id (hashed). */
export async function sessionSubject(sessionId: string): Promise<string> {
  return `session:${await digest(sessionId)}`;
}

/** Subject for a workspace (tenant) id. */
export function workspaceSubject(tenantId: string): string {
  return `workspace:${tenantId}`;
}

/** Subject for an e-mail address (hashed, lower-cased): magic links per address. */
export async function addressSubject(email: string): Promise<string> {
  return `address:${await digest(email.trim().toLowerCase())}`;
}

/** The bearer token of an `Authorization: Bearer ...` header, if any. */
export function bearerToken(req: Request): string | null {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.get("authorization") ?? "");
  return m ? m[1] : null;
}

/** True for a loopback address (127.0.0.0/8, ::1, and IPv4-mapped 127.x). */
export function isLoopbackIp(ip: string | null | undefined): boolean {
  const s = ip ? normalizeIp(ip) : null;
  return s !== null && (s === "::1" || /^127\./.test(s));
}
