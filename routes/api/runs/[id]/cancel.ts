import type { Handlers } from "../../../../lib/framework/mod.ts";
import { cancelRun } from "../../../../lib/agents/runs/cancel.ts";
import { visibleRun } from "../../../../lib/agents/runs/lookup.ts";

/** `POST /api/runs/:id/cancel`: stops the run; its stream ends with `done` (cancelled). */
export const handler: Handlers = {
  POST: async (ctx) => {
    const run = await visibleRun(ctx, ctx.params.id);
    const status = await cancelRun(ctx.state.services, run.id) ?? run.status;
    return Response.json({ runId: run.id, status }, {
      status: 202,
      headers: { "cache-control": "no-store" },
    });
  },
};
