import {
  type OAuthFailureData,
  OAuthFailurePage,
} from "../../../components/auth/OAuthFailurePage.tsx";
import { clearBindingCookie, finishOAuth } from "../../../lib/auth/oauth/flow.ts";
import { providerById, type ProviderId } from "../../../lib/auth/oauth/providers.ts";
import { renderOAuthFailure } from "../../../lib/auth/oauth/respond.ts";
import { completeSignIn } from "../../../lib/auth/sign_in.ts";
import { type Handlers, HttpError, type Meta } from "../../../lib/framework/mod.ts";

/** Callback metadata. */
export const meta: Meta = { title: "Sign-in failed", noindex: true };

/**
 * Where the provider sends the browser back: validates everything (see `finishOAuth`) and
 * signs in, or shows a friendly page for the failure (never a 500).
 */
export const handler: Handlers<OAuthFailureData> = {
  async GET(ctx) {
    const provider = providerById(ctx.state.services.settings, ctx.params.provider);
    if (!provider) throw new HttpError(404, "not_found", "There is no such sign-in provider.");
    const clear = clearBindingCookie(ctx);
    let identity;
    try {
      identity = await finishOAuth(ctx, provider);
    } catch (error) {
      return await renderOAuthFailure(ctx, provider, error, { "set-cookie": clear });
    }
    const response = await completeSignIn(ctx, {
      method: provider.id as ProviderId,
      email: identity.email,
      name: identity.name,
      identity: { provider: provider.id, subject: identity.subject },
      next: identity.next,
    });
    response.headers.append("set-cookie", clear);
    return response;
  },
};

export default OAuthFailurePage;
