import type { Handlers } from "../../../lib/framework/mod.ts";
import { newAltchaChallenge } from "../../../lib/leads/captcha.ts";

/** GET /api/leads/challenge: a fresh signed ALTCHA proof-of-work challenge (20 minutes). */
export const handler: Handlers = {
  GET: async (ctx) =>
    Response.json(await newAltchaChallenge(ctx.state.services.settings), {
      headers: { "cache-control": "no-store" },
    }),
};
