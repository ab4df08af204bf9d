/**
 * Signed outgoing webhooks. Each request carries `X-Relay-Signature: t=<unix seconds>,v1=<hex>`
 * with one `v1` per key of WEBHOOK_SECRETS (newest first): HMAC-SHA256 over `<t>.<body>`.
 * Receivers check any v1 against their secret and refuse timestamps older than 5 minutes, so a
 * key can be rotated without a gap.
 */
import { hmacSha256, toHex } from "../security/signing.ts";

/** The signature header's name. */
export const SIGNATURE_HEADER = "x-relay-signature";

/** The header value for `body` sent at `timestamp` (unix seconds). */
export async function signatureHeader(
  secrets: readonly string[],
  body: string,
  timestamp: number,
): Promise<string> {
  const macs = await Promise.all(
    secrets.map(async (s) => `v1=${toHex(await hmacSha256(s, `${timestamp}.${body}`))}`),
  );
  return [`t=${timestamp}`, ...macs].join(",");
}

/** POSTs `payload` as signed JSON; throws with the HTTP status when it is refused. */
export async function postSignedWebhook(
  url: string,
  secrets: readonly string[],
  payload: unknown,
  { id, event }: { id: string; event: string },
): Promise<void> {
  const body = JSON.stringify(payload);
  const res = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-relay-event": event,
      "x-relay-delivery": id,
      [SIGNATURE_HEADER]: await signatureHeader(secrets, body, Math.floor(Date.now() / 1000)),
    },
    body,
    signal: AbortSignal.timeout(10_000),
  });
  await res.body?.cancel();
  if (!res.ok) throw new Error(`webhook answered HTTP ${res.status}`);
}
