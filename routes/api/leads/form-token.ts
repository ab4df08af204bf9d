import type { Handlers } from "../../../lib/framework/mod.ts";
import { issueFormToken } from "../../../lib/leads/form_token.ts";

/**
 * GET /api/leads/form-token: a fresh signed form token, for lead forms placed on pages that are
 * rendered once for everyone (the talk-to-sales form fetches one when it hydrates).
 */
export const handler: Handlers = {
  GET: async (ctx) =>
    Response.json({ formToken: await issueFormToken(ctx.state.services.settings) }, {
      headers: { "cache-control": "no-store" },
    }),
};
