import { recordAudit } from "../lib/audit/record.ts";
import { clearSessionCookie, destroySession } from "../lib/auth/session.ts";
import type { Handlers } from "../lib/framework/mod.ts";

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
    return new Response(null, {
      status: 303,
      headers: {
        location: "/signin?notice=signed_out",
        "set-cookie": clearSessionCookie(services, ctx.url),
        "cache-control": "no-store",
      },
    });
  },
};
