import { type Handlers, HttpError } from "../lib/framework/mod.ts";
import { PROMETHEUS_CONTENT_TYPE, renderMetrics } from "../lib/telemetry/metrics.ts";

const encoder = new TextEncoder();

async function sameToken(given: string, expected: string): Promise<boolean> {
  const digest = async (s: string) =>
    new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(s)));
  const [a, b] = await Promise.all([digest(given), digest(expected)]);
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

/**
 * Prometheus metrics (text exposition format), for scrapers holding `METRICS_TOKEN`:
 * `Authorization: Bearer <token>`. Without a configured token the endpoint does not exist (404).
 */
export const handler: Handlers = {
  GET: async (ctx) => {
    const expected = ctx.state.services.settings.metricsToken;
    if (!expected) throw new HttpError(404, "not_found", "There is nothing at this address.");
    const given = ctx.req.headers.get("authorization")?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
    if (!given || !(await sameToken(given, expected))) {
      throw new HttpError(401, "unauthorized", "A valid metrics token is required.", {
        "www-authenticate": 'Bearer realm="metrics"',
      });
    }
    return new Response(await renderMetrics(), {
      headers: { "content-type": PROMETHEUS_CONTENT_TYPE, "cache-control": "no-store" },
    });
  },
};
