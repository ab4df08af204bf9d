/**
 * The OAuth 2 / OpenID Connect authorization-code flow with PKCE (S256), state and, for OIDC,
 * nonce, via oauth4webapi. `startOAuth` saves the pending sign-in and redirects to the
 * provider; `finishOAuth` validates the callback and returns the verified identity.
 */
import * as oauth from "oauth4webapi";
import { type FreshContext, redirect } from "../../framework/mod.ts";
import { readCookie, serializeCookie } from "../cookies.ts";
import { randomSecret, sha256Hex } from "../hash.ts";
import { publicOrigin } from "../origin.ts";
import { classify, OAuthFailure } from "./failure.ts";
import { githubProfile, githubServer } from "./github.ts";
import { discover, httpOptions } from "./oidc.ts";
import { OAUTH_STATE_TTL_MS, savePending, takePending } from "./pending.ts";
import type { ProviderConfig } from "./providers.ts";

type Ctx = Pick<FreshContext, "req" | "url" | "state">;

/** Base name of the cookie binding a pending sign-in to the browser that started it. */
export const BINDING_COOKIE = "oauth";

/** A verified identity from a provider. */
export interface ProviderIdentity {
  subject: string;
  email: string;
  name: string | null;
  next: string | null;
}

const production = (ctx: Ctx) => ctx.state.services.settings.env === "production";

const redirectUri = (ctx: Ctx, provider: ProviderConfig) =>
  `${publicOrigin(ctx)}/auth/${provider.id}/callback`;

async function serverFor(ctx: Ctx, provider: ProviderConfig): Promise<oauth.AuthorizationServer> {
  if (provider.kind === "oauth2") return githubServer(provider.baseUrl);
  try {
    return await discover(provider.issuer, production(ctx));
  } catch (error) {
    throw classify(error, "discovery");
  }
}

function clientAuth(as: oauth.AuthorizationServer, provider: ProviderConfig): oauth.ClientAuth {
  if (!provider.clientSecret) return oauth.None();
  if (provider.kind === "oauth2") return oauth.ClientSecretPost(provider.clientSecret);
  const methods = as.token_endpoint_auth_methods_supported;
  return !methods || methods.includes("client_secret_basic")
    ? oauth.ClientSecretBasic(provider.clientSecret)
    : oauth.ClientSecretPost(provider.clientSecret);
}

/** Starts a sign-in: remembers it for 10 minutes and redirects the browser to the provider. */
export async function startOAuth(
  ctx: Ctx,
  provider: ProviderConfig,
  next: string | null,
): Promise<Response> {
  const as = await serverFor(ctx, provider);
  const state = oauth.generateRandomState();
  const codeVerifier = oauth.generateRandomCodeVerifier();
  const nonce = provider.kind === "oidc" ? oauth.generateRandomNonce() : null;
  const binding = randomSecret();
  await savePending(ctx.state.services, state, {
    provider: provider.id,
    codeVerifier,
    nonce,
    next,
    bindingHash: await sha256Hex(binding),
    createdAt: Date.now(),
  });
  const url = new URL(as.authorization_endpoint!);
  url.searchParams.set("client_id", provider.clientId);
  url.searchParams.set("redirect_uri", redirectUri(ctx, provider));
  url.searchParams.set("response_type", "code");
  url.searchParams.set(
    "scope",
    provider.kind === "oidc" ? "openid email profile" : "read:user user:email",
  );
  url.searchParams.set("state", state);
  url.searchParams.set("code_challenge", await oauth.calculatePKCECodeChallenge(codeVerifier));
  url.searchParams.set("code_challenge_method", "S256");
  if (nonce) url.searchParams.set("nonce", nonce);
  const cookie = serializeCookie(
    ctx.state.services.settings,
    ctx.url,
    BINDING_COOKIE,
    binding,
    OAUTH_STATE_TTL_MS / 1000,
  );
  return redirect(url, { headers: { "set-cookie": cookie } });
}

/** The `Set-Cookie` value that removes the binding cookie. */
export function clearBindingCookie(ctx: Ctx): string {
  return serializeCookie(ctx.state.services.settings, ctx.url, BINDING_COOKIE, "", 0);
}

/**
 * Validates a provider callback: single-use state from this browser, the provider's answer,
 * the code exchange with the PKCE verifier, and (OIDC) the ID token's signature, issuer,
 * audience, expiry and nonce. Throws {@link OAuthFailure}.
 */
export async function finishOAuth(ctx: Ctx, provider: ProviderConfig): Promise<ProviderIdentity> {
  const params = ctx.url.searchParams;
  const stateValue = params.get("state") ?? "";
  const pending = await takePending(ctx.state.services, stateValue);
  if (!pending || pending.provider !== provider.id) throw new OAuthFailure("state_invalid");
  const binding = readCookie(ctx.state.services.settings, ctx.req, ctx.url, BINDING_COOKIE);
  if (!binding || await sha256Hex(binding) !== pending.bindingHash) {
    throw new OAuthFailure("browser_mismatch");
  }
  const error = params.get("error");
  if (error) throw new OAuthFailure(error === "access_denied" ? "denied" : "provider_error");

  const as = await serverFor(ctx, provider);
  const client: oauth.Client = { client_id: provider.clientId };
  let callback: URLSearchParams;
  try {
    callback = oauth.validateAuthResponse(as, client, params, stateValue);
  } catch (cause) {
    throw new OAuthFailure("provider_error", { cause });
  }
  const options = httpOptions(production(ctx));
  let tokens: oauth.TokenEndpointResponse;
  let response: Response;
  try {
    response = await oauth.authorizationCodeGrantRequest(
      as,
      client,
      clientAuth(as, provider),
      callback,
      redirectUri(ctx, provider),
      pending.codeVerifier,
      options,
    );
    tokens = await oauth.processAuthorizationCodeResponse(as, client, response, {
      ...(pending.nonce ? { expectedNonce: pending.nonce, requireIdToken: true } : {}),
    });
    if (provider.kind === "oidc") {
      await oauth.validateApplicationLevelSignature(as, response, httpOptions(production(ctx)));
    }
  } catch (cause) {
    throw classify(cause, "token");
  }

  if (provider.kind === "oauth2") {
    try {
      const profile = await githubProfile(provider.apiUrl, tokens.access_token);
      return { ...profile, next: pending.next };
    } catch (cause) {
      throw classify(cause, "profile");
    }
  }
  const claims = oauth.getValidatedIdTokenClaims(tokens);
  if (!claims) throw new OAuthFailure("id_token_invalid");
  let email = typeof claims.email === "string" ? claims.email : null;
  let verified = claims.email_verified;
  let name = typeof claims.name === "string" ? claims.name : null;
  if (!email && as.userinfo_endpoint) {
    try {
      const info = await oauth.processUserInfoResponse(
        as,
        client,
        claims.sub,
        await oauth.userInfoRequest(as, client, tokens.access_token, options),
      );
      email = info.email ?? null;
      verified = info.email_verified;
      name ??= info.name ?? null;
    } catch (cause) {
      throw classify(cause, "profile");
    }
  }
  const ok = verified === true || (!provider.requireEmailVerifiedClaim && verified === undefined);
  if (!email || !email.includes("@") || !ok) throw new OAuthFailure("no_verified_email");
  return { subject: claims.sub, email, name, next: pending.next };
}
