/**
 * Cookie names and attributes for sign-in cookies. Everywhere they are `__Host-` cookies
 * (HttpOnly, Secure, SameSite=Lax, Path=/, no Domain). Only in development and test, over plain
 * http to a loopback host (localhost, 127.0.0.1, ::1), the plain name without `Secure` is used,
 * since browsers refuse `__Host-` cookies there.
 */
import type { Settings } from "../config.ts";

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** True when `url` is a plain-http loopback address in development or test. */
export function isLocalHttp(settings: Pick<Settings, "env">, url: URL): boolean {
  return settings.env !== "production" && url.protocol === "http:" && LOOPBACK.has(url.hostname);
}

/** The cookie name for `base` on this request: `__Host-<base>`, or `<base>` on local http. */
export function cookieName(settings: Pick<Settings, "env">, url: URL, base: string): string {
  return isLocalHttp(settings, url) ? base : `__Host-${base}`;
}

/** A `Set-Cookie` value; `maxAge` in seconds (0 clears the cookie). */
export function serializeCookie(
  settings: Pick<Settings, "env">,
  url: URL,
  base: string,
  value: string,
  maxAge: number,
): string {
  const parts = [
    `${cookieName(settings, url, base)}=${value}`,
    "Path=/",
    `Max-Age=${Math.max(0, Math.floor(maxAge))}`,
    "HttpOnly",
    "SameSite=Lax",
  ];
  if (!isLocalHttp(settings, url)) parts.push("Secure");
  return parts.join("; ");
}

/** The value of cookie `base` (under this request's name for it), or null. */
export function readCookie(
  settings: Pick<Settings, "env">,
  req: Request,
  url: URL,
  base: string,
): string | null {
  const name = cookieName(settings, url, base);
  for (const part of (req.headers.get("cookie") ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}
