/**
 * The tickets webhook's signature: `X-Relay-Timestamp: <unix seconds>` and
 * `X-Relay-Signature: sha256=<hex>`, the HMAC-SHA256 of `<timestamp>.<raw body>` under the
 * workspace's key. Timestamps more than {@link MAX_SKEW_SECONDS} away are refused, and so is a
 * signature seen before (a replay) while its timestamp is still accepted.
 */
import { ticketReplayKey } from "../../kv/keys.ts";
import { HttpError } from "../framework/mod.ts";
import { hmacSha256, timingSafeEqual, toHex } from "../security/signing.ts";

/** The timestamp header's name. */
export const TIMESTAMP_HEADER = "x-relay-timestamp";
/** The signature header's name. */
export const SIGNATURE_HEADER = "x-relay-signature";
/** How far a timestamp may be from the server's clock, either way. */
export const MAX_SKEW_SECONDS = 300;

/** The signature header value for `body` sent at `timestamp` under `key`. */
export async function ticketSignature(
  key: string,
  timestamp: number,
  body: string,
): Promise<string> {
  return `sha256=${toHex(await hmacSha256(key, `${timestamp}.${body}`))}`;
}

function refused(code: string, message: string): HttpError {
  return new HttpError(401, code, message);
}

function hexBytes(hex: string): Uint8Array {
  return Uint8Array.from(hex.match(/../g) ?? [], (h) => parseInt(h, 16));
}

/**
 * Checks the headers of a delivery of `body` against `key`, then records the signature so the
 * same delivery is refused if it comes again (409). Throws an {@link HttpError} otherwise.
 */
export async function verifyTicketSignature(
  kv: Deno.Kv,
  tenantId: string,
  key: string,
  headers: Headers,
  body: string,
  now = Date.now(),
): Promise<void> {
  const stamp = headers.get(TIMESTAMP_HEADER);
  const signature = headers.get(SIGNATURE_HEADER);
  if (!stamp || !signature) {
    throw refused(
      "signature_missing",
      `Sign the request: send ${TIMESTAMP_HEADER} and ${SIGNATURE_HEADER} (see /docs/tickets-api).`,
    );
  }
  if (!/^\d{1,12}$/.test(stamp)) {
    throw refused("bad_timestamp", `${TIMESTAMP_HEADER} must be a time in unix seconds.`);
  }
  const timestamp = Number(stamp);
  if (Math.abs(now / 1000 - timestamp) > MAX_SKEW_SECONDS) {
    throw refused(
      "stale_timestamp",
      `The ${TIMESTAMP_HEADER} is more than ${MAX_SKEW_SECONDS} seconds from the server's clock; sign each request when you send it.`,
    );
  }
  const m = /^sha256=([0-9a-f]{64})$/i.exec(signature.trim());
  const expected = await hmacSha256(key, `${timestamp}.${body}`);
  if (!m || !timingSafeEqual(hexBytes(m[1].toLowerCase()), expected)) {
    throw refused("bad_signature", "The signature does not match this workspace's key.");
  }
  const seen = ticketReplayKey(tenantId, toHex(expected));
  const fresh = await kv.atomic().check({ key: seen, versionstamp: null })
    .set(seen, timestamp, { expireIn: 2 * MAX_SKEW_SECONDS * 1000 }).commit();
  if (!fresh.ok) {
    throw new HttpError(
      409,
      "replayed",
      "This exact signed request was already received; sign each delivery afresh.",
    );
  }
}
