import {
  type OAuthFailureData,
  OAuthFailurePage,
} from "../../../components/auth/OAuthFailurePage.tsx";
import { safeNext } from "../../../lib/auth/next_path.ts";
import { startOAuth } from "../../../lib/auth/oauth/flow.ts";
import { providerById } from "../../../lib/auth/oauth/providers.ts";
import { renderOAuthFailure } from "../../../lib/auth/oauth/respond.ts";
import { type Handlers, HttpError, type Meta } from "../../../lib/framework/mod.ts";
import { ipSubject } from "../../../lib/security/client_ip.ts";
import { enforceRateLimit, requestIp } from "../../../lib/security/rate_limit.ts";
import { rules } from "../../../lib/security/rules.ts";

/** Sign-in start metadata. */
export const meta: Meta = { title: "Sign-in failed", noindex: true };

/** Starts an OAuth/OIDC sign-in with a configured provider (unknown providers: 404). */
export const handler: Handlers<OAuthFailureData> = {
  async GET(ctx) {
    const provider = providerById(ctx.state.services.settings, ctx.params.provider);
    if (!provider) throw new HttpError(404, "not_found", "There is no such sign-in provider.");
    await enforceRateLimit(ctx, rules.signIn, ipSubject(requestIp(ctx.hono)));
    const next = safeNext(ctx.url.searchParams.get("next"));
    try {
      return await startOAuth(ctx, provider, next);
    } catch (error) {
      return await renderOAuthFailure(ctx, provider, error);
    }
  },
};

export default OAuthFailurePage;
