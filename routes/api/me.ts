import { authorize } from "../../lib/auth/authorize.ts";
import type { Handlers } from "../../lib/framework/mod.ts";

/**
 * Who is calling: the user, the workspace and role, and whether by session or API token
 * (`?workspace=<slug>` checks membership of another workspace: 404 when not a member).
 */
export const handler: Handlers = {
  async GET(ctx) {
    const slug = ctx.url.searchParams.get("workspace") ?? undefined;
    const auth = await authorize(ctx, { workspace: slug });
    return Response.json({
      user: auth.user,
      workspace: { id: auth.workspace.id, slug: auth.workspace.slug, name: auth.workspace.name },
      role: auth.role,
      via: auth.via,
    }, { headers: { "cache-control": "no-store" } });
  },
};
