/**
 * Who may record a demo event: a workspace API token (`Authorization: Bearer`), a signed-in
 * session, or a page's demo key (`X-Demo-Key`). Anything else is a 401, so random clients
 * cannot write to the feed.
 */
import { authorize } from "../auth/authorize.ts";
import { type FreshContext, HttpError } from "../framework/mod.ts";
import { bearerToken } from "../security/client_ip.ts";
import { DEMO_KEY_HEADER, demoKeyProblem } from "./demo_key.ts";
import type { DemoEventSource } from "./events.ts";

/** The recorder: how it authenticated and which workspace its events belong to. */
export interface Recorder {
  source: Exclude<DemoEventSource, "server">;
  /** Null for demo-key recorders (their events belong to the site). */
  workspaceId: string | null;
}

/** Authenticates a `POST /demo/record` request, or throws 401. */
export async function recorderOf(
  ctx: Pick<FreshContext, "req" | "url" | "state">,
): Promise<Recorder> {
  if (bearerToken(ctx.req) !== null) {
    const auth = await authorize(ctx);
    return { source: "token", workspaceId: auth.workspace.id };
  }
  if (ctx.state.session && ctx.state.workspace) {
    return { source: "session", workspaceId: ctx.state.workspace.id };
  }
  const key = ctx.req.headers.get(DEMO_KEY_HEADER);
  const problem = await demoKeyProblem(ctx.state.services.settings, key);
  if (problem) {
    throw new HttpError(
      401,
      problem === "missing" ? "demo_key_required" : "invalid_demo_key",
      problem === "missing"
        ? "Send the page's demo key in X-Demo-Key, or sign in."
        : "The demo key is not valid or has expired: reload the page for a fresh one.",
      { "www-authenticate": 'DemoKey realm="relay"' },
    );
  }
  return { source: "demo_key", workspaceId: null };
}
