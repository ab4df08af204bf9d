/** Middleware putting the current demo key on `state.demoKey`, for `_app`'s `<meta name="demo-key">`. */
import type { MiddlewareHandler } from "hono";
import { stateOf } from "../framework/mod.ts";
import { currentDemoKey } from "./demo_key.ts";

/** Sets `state.demoKey` (one HMAC per time window and process; a map lookup otherwise). */
export function demoKeyMiddleware(): MiddlewareHandler {
  return async (c, next) => {
    const state = stateOf(c);
    if (c.req.method === "GET" || c.req.method === "HEAD") {
      state.demoKey = await currentDemoKey(state.services.settings);
    }
    await next();
  };
}
