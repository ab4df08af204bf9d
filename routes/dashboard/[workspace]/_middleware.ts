import { authorize } from "../../../lib/auth/authorize.ts";
import { listUserWorkspaces } from "../../../lib/auth/workspaces.ts";
import { dataScope } from "../../../lib/dashboard/scope.ts";
import { siteWorkspace } from "../../../lib/tracking/feeds.ts";
import "../../../lib/dashboard/state.ts";
import type { FreshContext } from "../../../lib/framework/mod.ts";

/**
 * Every dashboard page and form: the caller must be a member of the workspace in the URL
 * (`authorize`: signed-out browsers go to sign-in, other workspaces answer 404). The decision
 * is kept on `state.dashboard`, and the rows it may read on `state.dashboardScope`; the app
 * shell's workspace list and the site's own workspace on `state.dashboardWorkspaces` and
 * `state.siteWorkspace`.
 */
export async function handler(ctx: FreshContext) {
  const auth = ctx.state.dashboard = await authorize(ctx, { workspace: ctx.params.workspace });
  ctx.state.dashboardScope = await dataScope(ctx.state.services, auth.workspace.id);
  if (ctx.req.method === "GET") {
    ctx.state.dashboardWorkspaces = auth.via === "session" && ctx.state.workspaces
      ? ctx.state.workspaces
      : await listUserWorkspaces(ctx.state.services.db, auth.user.id);
    ctx.state.siteWorkspace = await siteWorkspace(ctx.state.services);
  }
  const res = await ctx.next();
  if (!res.headers.has("cache-control") || res.headers.get("cache-control") === "no-store") {
    res.headers.set("cache-control", "no-store, private");
  }
  return res;
}
