import { z } from "zod";
import { authorize } from "../../../../../lib/auth/authorize.ts";
import { dataScope } from "../../../../../lib/dashboard/scope.ts";
import { EXPORT_KINDS, exportCsv } from "../../../../../lib/exports/exports.ts";
import { type Handlers, HttpError } from "../../../../../lib/framework/mod.ts";

const kindSchema = z.enum(EXPORT_KINDS);

/**
 * GET /api/workspaces/:workspace/exports/(leads|runs): the workspace's leads or agent runs as a
 * streamed CSV download (owners and admins; audited).
 */
export const handler: Handlers = {
  GET: async (ctx) => {
    const kind = kindSchema.safeParse(ctx.params.kind);
    if (!kind.success) {
      throw new HttpError(404, "not_found", "Exports exist for leads and runs only.");
    }
    const auth = await authorize(ctx, {
      workspace: ctx.params.workspace,
      roles: ["owner", "admin"],
    });
    const { services, requestId } = ctx.state;
    const body = await exportCsv(services, {
      kind: kind.data,
      scope: await dataScope(services, auth.workspace.id),
      userId: auth.user.id,
      requestId,
    });
    const day = new Date().toISOString().slice(0, 10);
    return new Response(body, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition":
          `attachment; filename="${auth.workspace.slug}-${kind.data}-${day}.csv"`,
        "cache-control": "no-store",
      },
    });
  },
};
