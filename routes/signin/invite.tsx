import { Notice } from "../../components/auth/Notice.tsx";
import { acceptInvitation, findInvitation } from "../../lib/auth/invitations.ts";
import { addMember } from "../../lib/auth/members.ts";
import { completeSignIn, recordSignInFailure } from "../../lib/auth/sign_in.ts";
import { findOrCreateUser } from "../../lib/auth/users.ts";
import { recordAudit } from "../../lib/audit/record.ts";
import type { FreshContext, Handlers, Meta, PageProps } from "../../lib/framework/mod.ts";

/** Invitation page metadata. */
export const meta: Meta = { title: "Join a workspace", noindex: true };

interface Data {
  token?: string;
  workspace?: string;
  role?: string;
  invalid?: boolean;
}

async function invalid(ctx: FreshContext<Data>) {
  await recordSignInFailure(ctx, "invite", "invitation_invalid");
  return ctx.render({ invalid: true }, {
    status: 400,
    headers: { "referrer-policy": "no-referrer" },
  });
}

/**
 * An invitation link: GET shows the workspace and a Join button; POST uses the invitation once,
 * adds the (possibly new) user to the workspace and signs them in there.
 */
export const handler: Handlers<Data> = {
  async GET(ctx) {
    const token = ctx.url.searchParams.get("token") ?? "";
    const found = await findInvitation(ctx.state.services.db, token);
    if (!found) return await invalid(ctx);
    return ctx.render(
      { token, workspace: found.workspaceName, role: found.role },
      { headers: { "referrer-policy": "no-referrer" } },
    );
  },
  async POST(ctx) {
    const { db } = ctx.state.services;
    let token = "";
    try {
      token = String((await ctx.req.formData()).get("token") ?? "");
    } catch {
      return await invalid(ctx);
    }
    const invitation = await acceptInvitation(db, token);
    if (!invitation) return await invalid(ctx);
    const { user } = await findOrCreateUser(db, { email: invitation.email });
    await addMember(db, invitation.tenantId, user.id, invitation.role);
    await recordAudit(ctx.state.services, {
      actorId: user.id,
      tenantId: invitation.tenantId,
      action: "member.joined",
      target: `invitation:${invitation.id}`,
      requestId: ctx.state.requestId,
      diff: { role: invitation.role },
    });
    return await completeSignIn(ctx, {
      method: "invite",
      email: invitation.email,
      workspaceId: invitation.tenantId,
      next: `/dashboard/${invitation.workspaceSlug}/members`,
    });
  },
};

/** The invitation's Join button, or the expired-invitation page. */
export default function Invite({ data }: PageProps<Data>) {
  if (data.invalid) {
    return (
      <Notice
        title="This invitation has expired"
        message="Invitations work once, for 7 days. This one was already used, withdrawn or is too old. Ask for a new one."
        action={{ href: "/signin", label: "Go to sign-in" }}
      />
    );
  }
  return (
    <main class="section">
      <div class="wrap auth-narrow">
        <h1>Join {data.workspace}</h1>
        <p>You are invited to this workspace as {data.role}.</p>
        <form method="post" action="/signin/invite">
          <input type="hidden" name="token" value={data.token} />
          <button type="submit">Join and sign in</button>
        </form>
      </div>
    </main>
  );
}
