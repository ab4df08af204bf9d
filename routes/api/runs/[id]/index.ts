import type { Handlers } from "../../../../lib/framework/mod.ts";
import { visibleRun } from "../../../../lib/agents/runs/lookup.ts";

/** `GET /api/runs/:id`: the run's record (404 for unknown runs and runs of others). */
export const handler: Handlers = {
  GET: async (ctx) =>
    Response.json(await visibleRun(ctx, ctx.params.id), {
      headers: { "cache-control": "no-store" },
    }),
};
