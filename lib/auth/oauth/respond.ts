/** Turns an OAuth/OIDC failure into its friendly page, with a log line and an audit entry. */
import type { OAuthFailureData } from "../../../components/auth/OAuthFailurePage.tsx";
import type { FreshContext } from "../../framework/mod.ts";
import { recordSignInFailure } from "../sign_in.ts";
import { OAuthFailure } from "./failure.ts";
import type { ProviderConfig } from "./providers.ts";

/** Renders `error` (mapped to an {@link OAuthFailure}) and records it; rethrows anything else. */
export async function renderOAuthFailure(
  ctx: FreshContext<OAuthFailureData>,
  provider: ProviderConfig,
  error: unknown,
  headers: HeadersInit = {},
): Promise<Response> {
  if (!(error instanceof OAuthFailure)) throw error;
  await recordSignInFailure(ctx, provider.id, error.reason);
  return ctx.render(
    { title: error.title, message: error.message, requestId: ctx.state.requestId },
    { status: error.status, headers },
  );
}
