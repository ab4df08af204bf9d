/**
 * Seals audit rows with a key the database never sees: a row's seal is HMAC-SHA256 of its chain
 * hash (which covers its content and every row before it) under a key from `AUDIT_KEYS`. The
 * newest key seals; every listed key verifies, found by the key id stored with the row.
 */
import { hmacSha256, toHex } from "../security/signing.ts";

/** One row's seal and the id of the key that made it. */
export interface Seal {
  mac: string;
  keyId: string;
}

const ids = new Map<string, Promise<string>>();

/** A key's public id: the first 16 hex digits of SHA-256 of the key (the key stays secret). */
export function auditKeyId(key: string): Promise<string> {
  let id = ids.get(key);
  if (!id) {
    id = crypto.subtle.digest("SHA-256", new TextEncoder().encode(`relay-audit-key:${key}`))
      .then((d) => toHex(new Uint8Array(d)).slice(0, 16));
    ids.set(key, id);
  }
  return id;
}

/** Seals a row's chain hash with the newest key (`keys[0]`). */
export async function sealAuditHash(keys: readonly string[], hash: string): Promise<Seal> {
  if (keys.length === 0) throw new Error("AUDIT_KEYS is empty");
  return { mac: toHex(await hmacSha256(keys[0], hash)), keyId: await auditKeyId(keys[0]) };
}

/** Checks a row's seal: "ok", "unknown_key" (not in `keys`) or "mismatch". */
export async function checkAuditSeal(
  keys: readonly string[],
  hash: string,
  seal: Seal,
): Promise<"ok" | "unknown_key" | "mismatch"> {
  for (const key of keys) {
    if (await auditKeyId(key) !== seal.keyId) continue;
    return toHex(await hmacSha256(key, hash)) === seal.mac ? "ok" : "mismatch";
  }
  return "unknown_key";
}
