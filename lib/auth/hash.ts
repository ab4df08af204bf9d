/** Random secrets and their SHA-256 digests: only digests of links and tokens are stored. */
import { toBase64Url, toHex } from "../security/signing.ts";

/** A fresh random secret: 32 bytes, base64url. */
export function randomSecret(): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(32)));
}

/** Lower-case hex SHA-256 of a secret. */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return toHex(new Uint8Array(digest));
}
