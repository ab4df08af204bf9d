import type { Handlers } from "../lib/framework/mod.ts";

/**
 * Liveness: the process is up and serving. `warming` is true while the database is still
 * opening and migrating at start-up (readiness waits for it; liveness does not).
 */
export const handler: Handlers = {
  GET: (ctx) => {
    const { instanceId, schema } = ctx.state.services;
    return Response.json({ status: "ok", instance: instanceId, warming: schema.warming === true }, {
      headers: { "cache-control": "no-store" },
    });
  },
};
