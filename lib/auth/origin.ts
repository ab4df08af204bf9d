import type { FreshContext } from "../framework/mod.ts";

/**
 * The origin for links we hand out (e-mailed links, OAuth redirect URIs): `PUBLIC_URL` in every
 * environment, never the request's Host header (in development and test it defaults to
 * `http://localhost:PORT`; with `PORT=0`, to the address the server listens on).
 */
export function publicOrigin(ctx: Pick<FreshContext, "state">): string {
  return new URL(ctx.state.services.settings.publicUrl).origin;
}
