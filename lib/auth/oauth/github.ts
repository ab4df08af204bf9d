/** GitHub (OAuth 2, no OIDC): its endpoints, and the profile and verified primary e-mail. */
import type * as oauth from "oauth4webapi";
import { z } from "zod";
import { OAuthFailure } from "./failure.ts";

/** GitHub's authorization server, built from its base URL (no discovery document). */
export function githubServer(baseUrl: string): oauth.AuthorizationServer {
  return {
    issuer: baseUrl,
    authorization_endpoint: `${baseUrl}/login/oauth/authorize`,
    token_endpoint: `${baseUrl}/login/oauth/access_token`,
  };
}

const userSchema = z.object({
  id: z.union([z.number(), z.string()]),
  login: z.string(),
  name: z.string().nullish(),
});

const emailsSchema = z.array(
  z.object({ email: z.string(), primary: z.boolean(), verified: z.boolean() }),
);

async function getJson(apiUrl: string, path: string, accessToken: string): Promise<unknown> {
  const res = await fetch(`${apiUrl}${path}`, {
    headers: {
      authorization: `Bearer ${accessToken}`,
      accept: "application/vnd.github+json",
      "user-agent": "relay-sign-in",
    },
    signal: AbortSignal.timeout(10_000),
  });
  if (!res.ok) {
    await res.body?.cancel();
    throw Object.assign(new Error(`GitHub API ${path} answered ${res.status}`), {
      status: res.status,
    });
  }
  return await res.json();
}

/** The GitHub user's id, display name and verified primary address. */
export async function githubProfile(
  apiUrl: string,
  accessToken: string,
): Promise<{ subject: string; email: string; name: string }> {
  const user = userSchema.parse(await getJson(apiUrl, "/user", accessToken));
  const emails = emailsSchema.parse(await getJson(apiUrl, "/user/emails", accessToken));
  const primary = emails.find((e) => e.primary && e.verified) ?? emails.find((e) => e.verified);
  if (!primary) throw new OAuthFailure("no_verified_email");
  return { subject: String(user.id), email: primary.email, name: user.name || user.login };
}
