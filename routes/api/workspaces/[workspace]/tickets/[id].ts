import { authorize } from "../../../../../lib/auth/authorize.ts";
import { type Handlers, HttpError } from "../../../../../lib/framework/mod.ts";
import { getTicket } from "../../../../../lib/tickets/queries.ts";

/**
 * `GET /api/workspaces/:workspace/tickets/:id` (a workspace API token or a member's session):
 * the ticket's triage as JSON, for a help desk that reads answers instead of receiving them.
 * Another workspace's ticket id answers 404.
 */
export const handler: Handlers = {
  GET: async (ctx) => {
    const auth = await authorize(ctx, { workspace: ctx.params.workspace });
    const t = await getTicket(ctx.state.services.db, auth.workspace.id, ctx.params.id);
    if (!t) throw new HttpError(404, "not_found", "There is no such ticket in this workspace.");
    return Response.json({
      id: t.id,
      externalId: t.externalId,
      status: t.status,
      category: t.correctedCategory ?? t.category,
      agentCategory: t.category,
      priority: t.priority,
      sentiment: t.sentiment,
      docs: t.docs,
      draftReply: t.draftReply,
      answeredAutomatically: t.autoAnswered,
      deliveries: t.deliveries.map((d) => ({
        kind: d.kind,
        status: d.status,
        attempts: d.attempts,
      })),
      createdAt: t.createdAt,
      triagedAt: t.triagedAt,
    }, { headers: { "cache-control": "no-store" } });
  },
};
