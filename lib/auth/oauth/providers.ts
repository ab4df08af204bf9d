/** The OAuth/OIDC providers this deployment offers: only those whose settings are present. */
import type { Settings } from "../../config.ts";

/** Provider ids (also the URL segment: `/auth/<id>`). */
export const PROVIDER_IDS = ["github", "google", "oidc"] as const;

/** One of {@link PROVIDER_IDS}. */
export type ProviderId = typeof PROVIDER_IDS[number];

/** How to talk to one provider. */
export type ProviderConfig =
  | {
    id: "github";
    kind: "oauth2";
    label: string;
    clientId: string;
    clientSecret: string;
    baseUrl: string;
    apiUrl: string;
  }
  | {
    id: "google" | "oidc";
    kind: "oidc";
    label: string;
    clientId: string;
    clientSecret?: string;
    issuer: string;
    /** Google marks every address; other issuers may leave `email_verified` out. */
    requireEmailVerifiedClaim: boolean;
  };

/** Every configured provider, in sign-in page order. */
export function configuredProviders(settings: Settings): ProviderConfig[] {
  const out: ProviderConfig[] = [];
  if (settings.githubClientId && settings.githubClientSecret) {
    out.push({
      id: "github",
      kind: "oauth2",
      label: "GitHub",
      clientId: settings.githubClientId,
      clientSecret: settings.githubClientSecret,
      baseUrl: settings.githubBaseUrl,
      apiUrl: settings.githubApiUrl,
    });
  }
  if (settings.googleClientId && settings.googleClientSecret) {
    out.push({
      id: "google",
      kind: "oidc",
      label: "Google",
      clientId: settings.googleClientId,
      clientSecret: settings.googleClientSecret,
      issuer: settings.googleIssuer,
      requireEmailVerifiedClaim: true,
    });
  }
  if (settings.oidcIssuer && settings.oidcClientId) {
    out.push({
      id: "oidc",
      kind: "oidc",
      label: settings.oidcName,
      clientId: settings.oidcClientId,
      clientSecret: settings.oidcClientSecret,
      issuer: settings.oidcIssuer,
      requireEmailVerifiedClaim: false,
    });
  }
  return out;
}

/** The configured provider with this id, or null. */
export function providerById(settings: Settings, id: string): ProviderConfig | null {
  return configuredProviders(settings).find((p) => p.id === id) ?? null;
}
