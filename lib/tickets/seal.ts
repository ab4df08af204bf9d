/**
 * Secrets a workspace gives or gets (its ticket signing key, its alert webhook URL) stored
 * sealed with AES-256-GCM under a key derived from WEBHOOK_SECRETS. The newest secret seals;
 * every listed secret opens, and a value opened with an older one is sealed again with the
 * newest, so WEBHOOK_SECRETS can be rotated like the other key lists.
 */
import { fromBase64Url, toBase64Url } from "../security/signing.ts";

const encoder = new TextEncoder();
const keys = new Map<string, Promise<CryptoKey>>();

function aesKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    key = crypto.subtle.digest("SHA-256", encoder.encode(`relay-ticket-seal:${secret}`))
      .then((raw) => crypto.subtle.importKey("raw", raw, "AES-GCM", false, ["encrypt", "decrypt"]));
    keys.set(secret, key);
  }
  return key;
}

/** Seals `plain` with the newest secret: `v1.<iv>.<ciphertext>` (base64url). */
export async function seal(secrets: readonly string[], plain: string): Promise<string> {
  if (!secrets[0]) throw new Error("sealing needs WEBHOOK_SECRETS");
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ct = await crypto.subtle.encrypt(
    { name: "AES-GCM", iv },
    await aesKey(secrets[0]),
    encoder.encode(plain),
  );
  return `v1.${toBase64Url(iv)}.${toBase64Url(new Uint8Array(ct))}`;
}

/**
 * Opens a sealed value with any listed secret: the plain text and whether an older secret
 * opened it (then the caller seals it again with the newest); null when none opens it.
 */
export async function unseal(
  secrets: readonly string[],
  sealed: string,
): Promise<{ plain: string; stale: boolean } | null> {
  const [version, ivText, ctText] = sealed.split(".");
  const iv = fromBase64Url(ivText ?? "");
  const ct = fromBase64Url(ctText ?? "");
  if (version !== "v1" || !iv || !ct) return null;
  for (const [i, secret] of secrets.entries()) {
    try {
      const plain = await crypto.subtle.decrypt(
        { name: "AES-GCM", iv: iv as BufferSource },
        await aesKey(secret),
        ct as BufferSource,
      );
      return { plain: new TextDecoder().decode(plain), stale: i > 0 };
    } catch {
      // not this secret
    }
  }
  return null;
}
