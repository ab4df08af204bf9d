import type { Handlers } from "../lib/framework/mod.ts";
import { readiness } from "../lib/health.ts";

/** Readiness: KV, database, queue listener and LLM provider, 503 when a required one fails. */
export const handler: Handlers = {
  GET: async (ctx) => {
    const { ok, checks } = await readiness(ctx.state.services);
    return Response.json({ status: ok ? "ready" : "unavailable", checks }, {
      status: ok ? 200 : 503,
      headers: { "cache-control": "no-store" },
    });
  },
};
