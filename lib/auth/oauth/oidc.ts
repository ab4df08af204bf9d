/** OpenID Connect discovery (cached per issuer for an hour; failures are not cached). */
import * as oauth from "oauth4webapi";

const TTL_MS = 60 * 60 * 1000;
const cache = new Map<string, { at: number; as: oauth.AuthorizationServer }>();

/** Request options shared by every provider call: a timeout, and http only outside production. */
export function httpOptions(production: boolean) {
  return { signal: AbortSignal.timeout(10_000), [oauth.allowInsecureRequests]: !production };
}

/** The issuer's metadata from `/.well-known/openid-configuration`. */
export async function discover(
  issuer: string,
  production: boolean,
): Promise<oauth.AuthorizationServer> {
  const hit = cache.get(issuer);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.as;
  const url = new URL(issuer);
  const response = await oauth.discoveryRequest(url, {
    algorithm: "oidc",
    ...httpOptions(production),
  });
  const as = await oauth.processDiscoveryResponse(url, response);
  cache.set(issuer, { at: Date.now(), as });
  return as;
}
