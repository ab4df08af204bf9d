import { authorize } from "../../lib/auth/authorize.ts";
import { type Handlers, redirect } from "../../lib/framework/mod.ts";

/**
 * `GET /dashboard`: to the dashboard of the session's current workspace (sign-in first when
 * signed out; the account page when the user has no workspace yet).
 */
export const handler: Handlers = {
  GET: async (ctx) => {
    if (ctx.state.user && !ctx.state.workspace) {
      return redirect("/account");
    }
    const auth = await authorize(ctx);
    return redirect(`/dashboard/${encodeURIComponent(auth.workspace.slug)}`);
  },
};
