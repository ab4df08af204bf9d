/**
 * The end of every sign-in (magic link, invitation, OAuth/OIDC): find or create the user, link
 * the provider identity, start a fresh session, audit, and redirect to a safe `next` path.
 * Failures are logged and audited the same way from one place.
 */
import { recordAudit } from "../audit/record.ts";
import { type FreshContext, redirect } from "../framework/mod.ts";
import { logger } from "../telemetry/log.ts";
import { safeNext } from "./next_path.ts";
import { startSession } from "./session.ts";
import { findOrCreateUser, findUserByIdentity, linkIdentity, touchSignIn } from "./users.ts";

/** How someone signed in. */
export type SignInMethod = "email" | "invite" | "github" | "google" | "oidc";

/** A verified sign-in to complete. */
export interface VerifiedSignIn {
  method: SignInMethod;
  /** A verified e-mail address. */
  email: string;
  name?: string | null;
  /** The provider's stable subject id (OAuth/OIDC). */
  identity?: { provider: string; subject: string };
  /** The workspace to open (an invitation's); default: the user's first workspace. */
  workspaceId?: string;
  next?: string | null;
}

type Ctx = Pick<FreshContext, "req" | "url" | "state">;

/** Completes a verified sign-in; returns the 303 redirect that sets the new session cookie. */
export async function completeSignIn(ctx: Ctx, input: VerifiedSignIn): Promise<Response> {
  const { db } = ctx.state.services;
  let user = input.identity
    ? await findUserByIdentity(db, input.identity.provider, input.identity.subject)
    : null;
  let workspaceId = input.workspaceId ?? null;
  if (!user) {
    const made = await findOrCreateUser(db, { email: input.email, name: input.name });
    user = made.user;
    workspaceId ??= made.workspace?.id ?? null;
    if (input.identity) {
      await linkIdentity(db, user.id, input.identity.provider, input.identity.subject);
    }
  }
  const { session, cookie } = await startSession(ctx, { userId: user.id, workspaceId });
  await touchSignIn(db, user.id);
  await recordAudit(ctx.state.services, {
    actorId: user.id,
    tenantId: session.workspaceId,
    action: "auth.sign_in",
    target: `user:${user.id}`,
    requestId: ctx.state.requestId,
    diff: { method: input.method },
  });
  logger.info("signed in", {
    userId: user.id,
    method: input.method,
    requestId: ctx.state.requestId,
  });
  return redirect(safeNext(input.next), { headers: { "set-cookie": cookie } });
}

/** Logs and audits a failed sign-in (no personal data: the method and a reason code). */
export async function recordSignInFailure(
  ctx: Ctx,
  method: SignInMethod,
  reason: string,
): Promise<void> {
  logger.warn("sign-in failed", { method, reason, requestId: ctx.state.requestId });
  try {
    await recordAudit(ctx.state.services, {
      actorId: ctx.state.user?.id ?? null,
      action: "auth.sign_in_failed",
      target: `method:${method}`,
      requestId: ctx.state.requestId,
      diff: { reason },
    });
  } catch (error) {
    logger.error("audit of failed sign-in not recorded", { error, requestId: ctx.state.requestId });
  }
}
