import { authorize } from "../../../../lib/auth/authorize.ts";
import { loadOverview } from "../../../../lib/dashboard/overview.ts";
import { dataScope } from "../../../../lib/dashboard/scope.ts";
import type { Handlers } from "../../../../lib/framework/mod.ts";

/** `GET /api/dashboard/:workspace/overview`: the Overview figures as JSON (members only; others 404). */
export const handler: Handlers = {
  GET: async (ctx) => {
    const auth = await authorize(ctx, { workspace: ctx.params.workspace });
    const { services } = ctx.state;
    const scope = await dataScope(services, auth.workspace.id);
    const data = await loadOverview(services, auth.workspace, scope);
    return Response.json(data, { headers: { "cache-control": "no-store" } });
  },
};
