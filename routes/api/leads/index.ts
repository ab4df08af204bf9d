import type { Handlers } from "../../../lib/framework/mod.ts";
import { readLeadBody, refusalError, submitLead } from "../../../lib/leads/http.ts";

/**
 * POST /api/leads: a lead as JSON (or a form body), with `Idempotency-Key`. The spam challenge
 * is required. 202 `{ leadId, duplicate }` once the lead is durably queued; 422 with
 * `details.fields` per field; 403/429/400 for spam checks and expired forms.
 */
export const handler: Handlers = {
  POST: async (ctx) => {
    const body = await readLeadBody(ctx.req);
    const outcome = await submitLead(ctx, body, true);
    if (outcome.kind !== "accepted") throw await refusalError(ctx, outcome);
    return Response.json(
      { leadId: outcome.leadId, status: "accepted", duplicate: outcome.duplicate },
      { status: 202, headers: { "cache-control": "no-store" } },
    );
  },
};
