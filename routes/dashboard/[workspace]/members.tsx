import { z } from "zod";
import { text } from "../../../lib/validation/text.ts";
import { Time } from "../../../components/auth/Time.tsx";
import { recordAudit } from "../../../lib/audit/record.ts";
import { authorize, type Authorized } from "../../../lib/auth/authorize.ts";
import { readForm } from "../../../lib/auth/form.ts";
import {
  inviteMember,
  listInvitations,
  type PendingInvitation,
  revokeInvitation,
} from "../../../lib/auth/invitations.ts";
import {
  changeRole,
  listMembers,
  mayManage,
  type Member,
  MemberChangeRefused,
  removeMember,
} from "../../../lib/auth/members.ts";
import { publicOrigin } from "../../../lib/auth/origin.ts";
import { type Role, ROLES } from "../../../lib/auth/types.ts";
import type { FreshContext, Handlers, Meta, PageProps } from "../../../lib/framework/mod.ts";
import { HttpError } from "../../../lib/framework/mod.ts";

/** Members page metadata. */
export const meta: Meta = { title: "Members", noindex: true };

interface Data {
  workspace: { slug: string; name: string };
  me: { id: string; role: Role };
  members: Member[];
  invitations: PendingInvitation[];
  notice?: string;
  error?: string;
}

const NOTICES: Record<string, string> = {
  invited: "Invitation sent.",
  role_changed: "Role changed.",
  removed: "Member removed.",
  invitation_revoked: "Invitation withdrawn.",
};

const role = z.enum(ROLES, { error: "Choose owner, admin or member." });
const uuid = z.uuid("Unknown member.");

const formSchema = z.discriminatedUnion("action", [
  z.object({
    action: z.literal("invite"),
    email: text().trim().max(320).pipe(z.email("Please enter a valid e-mail address.")),
    role,
  }),
  z.object({ action: z.literal("change_role"), user: uuid, role }),
  z.object({ action: z.literal("remove"), user: uuid }),
  z.object({ action: z.literal("revoke_invitation"), invitation: uuid }),
], { error: "Unknown action." });

async function load(ctx: FreshContext<Data>, auth: Authorized, extra: Partial<Data> = {}) {
  const { db } = ctx.state.services;
  const manager = auth.role !== "member";
  return {
    workspace: { slug: auth.workspace.slug, name: auth.workspace.name },
    me: { id: auth.user.id, role: auth.role },
    members: await listMembers(db, auth.workspace.id),
    invitations: manager ? await listInvitations(db, auth.workspace.id) : [],
    notice: NOTICES[ctx.url.searchParams.get("notice") ?? ""],
    ...extra,
  };
}

const STATUS: Record<MemberChangeRefused["reason"], number> = {
  not_found: 404,
  forbidden: 403,
  last_owner: 409,
};

/** Members of a workspace: everyone sees the list; owners and admins invite and manage. */
export const handler: Handlers<Data> = {
  async GET(ctx) {
    const auth = await authorize(ctx, { workspace: ctx.params.workspace });
    return ctx.render(await load(ctx, auth));
  },
  async POST(ctx) {
    const auth = await authorize(ctx, {
      workspace: ctx.params.workspace,
      roles: ["owner", "admin"],
    });
    const { services } = ctx.state;
    const form = await readForm(ctx.req, formSchema);
    const tenantId = auth.workspace.id;
    const audit = (action: string, target: string, diff?: unknown) =>
      recordAudit(services, {
        actorId: auth.user.id,
        tenantId,
        action,
        target,
        requestId: ctx.state.requestId,
        diff,
      });
    const back = (notice: string) =>
      new Response(null, {
        status: 303,
        headers: { location: `/dashboard/${auth.workspace.slug}/members?notice=${notice}` },
      });
    try {
      switch (form.action) {
        case "invite": {
          if (!mayManage(auth.role, "member", form.role)) {
            throw new MemberChangeRefused("forbidden");
          }
          const id = await inviteMember(services, {
            tenantId,
            workspaceName: auth.workspace.name,
            email: form.email,
            role: form.role,
            invitedBy: auth.user.id,
            origin: publicOrigin(ctx),
          });
          await audit("member.invited", `invitation:${id}`, { role: form.role });
          return back("invited");
        }
        case "change_role": {
          const from = await changeRole(services.db, {
            tenantId,
            actorRole: auth.role,
            userId: form.user,
            role: form.role,
          });
          await audit("member.role_changed", `user:${form.user}`, { from, to: form.role });
          return back("role_changed");
        }
        case "remove": {
          const from = await removeMember(services.db, {
            tenantId,
            actorRole: auth.role,
            userId: form.user,
          });
          await audit("member.removed", `user:${form.user}`, { role: from });
          if (form.user === auth.user.id) {
            return new Response(null, { status: 303, headers: { location: "/account" } });
          }
          return back("removed");
        }
        case "revoke_invitation": {
          if (!(await revokeInvitation(services.db, tenantId, form.invitation))) {
            throw new HttpError(404, "not_found", "There is no such invitation.");
          }
          await audit("member.invitation_revoked", `invitation:${form.invitation}`);
          return back("invitation_revoked");
        }
      }
    } catch (error) {
      if (!(error instanceof MemberChangeRefused)) throw error;
      return ctx.render(await load(ctx, auth, { error: error.message }), {
        status: STATUS[error.reason],
      });
    }
  },
};

function RoleForm({ member, me }: { member: Member; me: Data["me"] }) {
  const options = ROLES.filter((r) => mayManage(me.role, member.role, r));
  return (
    <form method="post" class="actions">
      <input type="hidden" name="action" value="change_role" />
      <input type="hidden" name="user" value={member.userId} />
      <label class="visually-hidden" for={`role-${member.userId}`}>
        Role of {member.email}
      </label>
      <select id={`role-${member.userId}`} name="role">
        {options.map((r) => <option key={r} value={r} selected={r === member.role}>{r}</option>)}
      </select>
      <button type="submit" class="secondary">Change role</button>
    </form>
  );
}

/** The members page. */
export default function Members({ data }: PageProps<Data>) {
  const manager = data.me.role !== "member";
  return (
    <main class="dash-main">
      <div>
        <h1>Members of {data.workspace.name}</h1>
        {data.notice && <p role="status">{data.notice}</p>}
        {data.error && <p class="form-error" role="alert">{data.error}</p>}
        <div class="table-scroll">
          <table>
            <caption class="visually-hidden">Members</caption>
            <thead>
              <tr>
                <th scope="col">Member</th>
                <th scope="col">Role</th>
                <th scope="col">Joined</th>
                {manager && <th scope="col">Manage</th>}
              </tr>
            </thead>
            <tbody>
              {data.members.map((m) => (
                <tr key={m.userId}>
                  <td>
                    {m.name ? `${m.name} · ` : ""}
                    {m.email}
                    {m.userId === data.me.id && " (you)"}
                  </td>
                  <td>{m.role}</td>
                  <td>
                    <Time at={m.joinedAt} />
                  </td>
                  {manager && (
                    <td>
                      {mayManage(data.me.role, m.role) && (
                        <>
                          <RoleForm member={m} me={data.me} />
                          <form method="post">
                            <input type="hidden" name="action" value="remove" />
                            <input type="hidden" name="user" value={m.userId} />
                            <button type="submit" class="secondary">
                              Remove<span class="visually-hidden">{` ${m.email}`}</span>
                            </button>
                          </form>
                        </>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {manager && (
          <>
            <h2>Invite someone</h2>
            <form method="post">
              <input type="hidden" name="action" value="invite" />
              <p>
                <label for="invite-email">E-mail address</label>
                <input id="invite-email" name="email" type="email" required autocomplete="off" />
              </p>
              <p>
                <label for="invite-role">Role</label>
                <select id="invite-role" name="role">
                  {ROLES.filter((r) => mayManage(data.me.role, "member", r)).map((r) => (
                    <option key={r} value={r} selected={r === "member"}>{r}</option>
                  ))}
                </select>
              </p>
              <p>
                <button type="submit">Send invitation</button>
              </p>
            </form>
            {data.invitations.length > 0 && (
              <>
                <h2>Pending invitations</h2>
                <ul>
                  {data.invitations.map((i) => (
                    <li key={i.id}>
                      {i.email} as {i.role}, until <Time at={i.expiresAt} />{" "}
                      <form method="post" class="inline-form">
                        <input type="hidden" name="action" value="revoke_invitation" />
                        <input type="hidden" name="invitation" value={i.id} />
                        <button type="submit" class="secondary">
                          Withdraw<span class="visually-hidden">
                            {` invitation for ${i.email}`}
                          </span>
                        </button>
                      </form>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </>
        )}
      </div>
    </main>
  );
}
