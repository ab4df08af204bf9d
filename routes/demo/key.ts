import type { Handlers } from "../../lib/framework/mod.ts";
import { currentDemoKey, demoKeyExpiry } from "../../lib/tracking/demo_key.ts";

/**
 * `GET /demo/key`: a fresh demo key, for pages kept open longer than the key in their
 * `<meta name="demo-key">` lives (or served from a cache older than it).
 */
export const handler: Handlers = {
  GET: async (ctx) => {
    const key = await currentDemoKey(ctx.state.services.settings);
    return Response.json({ key, expiresAt: new Date(demoKeyExpiry()).toISOString() }, {
      headers: { "cache-control": "no-store" },
    });
  },
};
