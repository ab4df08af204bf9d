/**
 * POSTs JSON to a URL a workspace chose (its alert webhook, a ticket's reply URL) under the
 * fetch guard ({@link safeFetch}: no private, loopback or link-local targets unless
 * FETCH_ALLOWLIST lists them, the connection pinned to the checked address, redirects not
 * followed) with 10 seconds and a 64 KB answer at most.
 */
import { safeFetch } from "../security/safe_fetch.ts";

/** POSTs `body`; throws with the HTTP status (or the guard's reason) when it is not accepted. */
export async function guardedPost(
  target: string,
  body: string,
  headers: Record<string, string>,
  allowlist: readonly string[],
): Promise<void> {
  const res = await safeFetch(target, {
    method: "POST",
    body,
    headers: { "content-type": "application/json", ...headers },
    allowlist,
    timeoutMs: 10_000,
    maxBytes: 64 * 1024,
  });
  if (res.status < 200 || res.status > 299) {
    throw new Error(`webhook answered HTTP ${res.status}`);
  }
}
