/**
 * HMAC-SHA256 signing with key lists, newest first: new tokens are signed with the first key and
 * every listed key verifies, so a key can be rotated (prepend the new one, drop the old one after
 * the longest token lifetime) without logging anybody out. Tokens are
 * `base64url(payload).base64url(mac)`; comparisons are constant-time.
 */

import { createHmac } from "node:crypto";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Raw HMAC-SHA256 of `data` under `secret`. Computed in one synchronous call (node:crypto):
 * Web Crypto's `sign` is an async operation costing several times more per token, and pages
 * sign a token per request.
 */
export function hmacSha256(secret: string, data: string | Uint8Array): Promise<Uint8Array> {
  const mac = createHmac("sha256", secret).update(data).digest();
  return Promise.resolve(new Uint8Array(mac.buffer, mac.byteOffset, mac.byteLength));
}

/** Lower-case hex of bytes (for webhook signature headers). */
export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** base64url without padding. */
export function toBase64Url(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

/** Decodes base64url (padding optional); null when malformed. */
export function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  try {
    const bin = atob(text.replaceAll("-", "+").replaceAll("_", "/"));
    return Uint8Array.from(bin, (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

/** Constant-time equality of two byte strings (length is not secret). */
export function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

function requireKeys(keys: readonly string[]): void {
  if (keys.length === 0 || keys.some((k) => !k)) throw new Error("signing needs at least one key");
}

/** Signs `payload` with the newest key (`keys[0]`): `base64url(payload).base64url(mac)`. */
export async function sign(keys: readonly string[], payload: string): Promise<string> {
  requireKeys(keys);
  const body = toBase64Url(encoder.encode(payload));
  return `${body}.${toBase64Url(await hmacSha256(keys[0], body))}`;
}

/** The payload of a token made by {@link sign} with any of `keys`, or null when not genuine. */
export async function verify(keys: readonly string[], token: string): Promise<string | null> {
  requireKeys(keys);
  if (typeof token !== "string" || token.length > 16_384) return null;
  const dot = token.indexOf(".");
  if (dot < 0 || dot !== token.lastIndexOf(".")) return null;
  const body = token.slice(0, dot);
  const mac = fromBase64Url(token.slice(dot + 1));
  const payload = fromBase64Url(body);
  if (!mac || !payload) return null;
  let ok = false;
  for (const key of keys) ok = timingSafeEqual(await hmacSha256(key, body), mac) || ok;
  if (!ok) return null;
  try {
    return decoder.decode(payload, { stream: false });
  } catch {
    return null;
  }
}

/** Options for {@link signJson}. */
export interface SignJsonOptions {
  /** Lifetime in seconds; stored as `exp` (epoch seconds) inside the signed payload. */
  expiresIn?: number;
  /** Clock for tests (epoch milliseconds). */
  now?: number;
}

/** Signs a JSON object, adding `exp` when `expiresIn` is given. */
export function signJson(
  keys: readonly string[],
  value: Record<string, unknown>,
  options: SignJsonOptions = {},
): Promise<string> {
  const now = options.now ?? Date.now();
  const body = options.expiresIn === undefined
    ? value
    : { ...value, exp: Math.floor(now / 1000) + Math.ceil(options.expiresIn) };
  return sign(keys, JSON.stringify(body));
}

/**
 * The object inside a token made by {@link signJson}, or null when the token is not genuine,
 * not a JSON object, or past its `exp`.
 */
export async function verifyJson<T extends Record<string, unknown> = Record<string, unknown>>(
  keys: readonly string[],
  token: string,
  options: { now?: number } = {},
): Promise<(T & { exp?: number }) | null> {
  const payload = await verify(keys, token);
  if (payload === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return null;
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) return null;
  const exp = (value as { exp?: unknown }).exp;
  if (exp !== undefined) {
    if (typeof exp !== "number" || !Number.isFinite(exp)) return null;
    if ((options.now ?? Date.now()) >= exp * 1000) return null;
  }
  return value as T & { exp?: number };
}
