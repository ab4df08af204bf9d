import type { FreshContext } from "../framework/mod.ts";

/**
 * The origin for links we hand out (e-mailed links, OAuth redirect URIs): `PUBLIC_URL` in
 * production (never the request's Host header); in development and test, the address the
 * request came in on, so `localhost`, `127.0.0.1` and test ports all work.
 */
export function publicOrigin(ctx: Pick<FreshContext, "url" | "state">): string {
  const { settings } = ctx.state.services;
  return settings.env === "production" ? new URL(settings.publicUrl).origin : ctx.url.origin;
}
