import type { Handlers } from "../lib/framework/mod.ts";

/** Liveness: the process is up and serving. */
export const handler: Handlers = {
  GET: (ctx) =>
    Response.json({ status: "ok", instance: ctx.state.services.instanceId }, {
      headers: { "cache-control": "no-store" },
    }),
};
