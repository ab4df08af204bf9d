/**
 * POSTs JSON to a URL a workspace chose (its alert webhook, a ticket's reply URL) under the
 * fetch guard: the address is checked like the fetch tool's (no private, loopback or
 * link-local targets unless FETCH_ALLOWLIST lists them), the connection is pinned to the
 * checked address, redirects are not followed and the request has 10 seconds.
 */
import { checkUrl } from "../security/safe_fetch.ts";

/** POSTs `body`; throws with the HTTP status (or the guard's reason) when it is not accepted. */
export async function guardedPost(
  target: string,
  body: string,
  headers: Record<string, string>,
  allowlist: readonly string[],
): Promise<void> {
  const url = new URL(target);
  const signal = AbortSignal.timeout(10_000);
  const ip = await checkUrl(url, { allowlist }, signal);
  const port = Number(url.port) || (url.protocol === "https:" ? 443 : 80);
  const client = Deno.createHttpClient({ proxy: { transport: "tcp", hostname: ip, port } });
  try {
    const res = await fetch(url, {
      method: "POST",
      client,
      redirect: "manual",
      signal,
      headers: { "content-type": "application/json", ...headers },
      body,
    });
    await res.body?.cancel();
    if (res.status < 200 || res.status > 299) {
      throw new Error(`webhook answered HTTP ${res.status}`);
    }
  } finally {
    client.close();
  }
}
