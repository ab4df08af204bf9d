import { recordAudit } from "../lib/audit/record.ts";
import { clearSessionCookie, destroySession } from "../lib/auth/session.ts";
import { type Handlers, redirect } from "../lib/framework/mod.ts";

/** Signs out this browser: ends its session, clears the cookie, back to the sign-in page. */
export const handler: Handlers = {
  async POST(ctx) {
    const { session, services } = ctx.state;
    if (session) {
      await destroySession(services, session.id);
      await recordAudit(services, {
        actorId: session.userId,
        tenantId: session.workspaceId,
        action: "auth.sign_out",
        target: `user:${session.userId}`,
        requestId: ctx.state.requestId,
      });
    }
    return redirect("/signin?notice=signed_out", {
      headers: { "set-cookie": clearSessionCookie(services, ctx.url) },
    });
  },
};
