import { z } from "zod";
import { AccountNav } from "../../components/auth/AccountNav.tsx";
import { recordAudit } from "../../lib/audit/record.ts";
import { authorize } from "../../lib/auth/authorize.ts";
import { readForm } from "../../lib/auth/form.ts";
import { sha256Hex } from "../../lib/auth/hash.ts";
import {
  clearSessionCookie,
  destroySession,
  destroyUserSessions,
  listUserSessions,
} from "../../lib/auth/session.ts";
import type { AuthUser, AuthWorkspace } from "../../lib/auth/types.ts";
import { listUserWorkspaces } from "../../lib/auth/workspaces.ts";
import type { Handlers, Meta, PageProps } from "../../lib/framework/mod.ts";
import { HttpError, redirect } from "../../lib/framework/mod.ts";

/** Account page metadata. */
export const meta: Meta = { title: "Your account", noindex: true };

interface SessionRow {
  /** A digest of the session id: the page never shows session ids themselves. */
  handle: string;
  current: boolean;
  userAgent: string;
  createdAt: string;
  lastSeenAt: string;
}

interface Data {
  user: AuthUser;
  workspace: AuthWorkspace | null;
  workspaces: AuthWorkspace[];
  sessions: SessionRow[];
  notice?: string;
}

const formSchema = z.discriminatedUnion("action", [
  z.object({ action: z.literal("signout_everywhere") }),
  z.object({ action: z.literal("end_session"), session: z.string().min(1).max(100) }),
], { error: "Unknown action." });

const handleOf = async (id: string) => (await sha256Hex(id)).slice(0, 32);

const iso = (ms: number) => new Date(ms).toISOString().replace("T", " ").slice(0, 16) + " UTC";

/** The signed-in user's account: workspaces, active sessions, sign out here or everywhere. */
export const handler: Handlers<Data> = {
  async GET(ctx) {
    const { user } = await authorize(ctx);
    const { services, session } = ctx.state;
    const sessions = await listUserSessions(services, user.id);
    return ctx.render({
      user,
      workspace: ctx.state.workspace ?? null,
      workspaces: await listUserWorkspaces(services.db, user.id),
      sessions: await Promise.all(sessions.map(async (s) => ({
        handle: await handleOf(s.id),
        current: s.id === session?.id,
        userAgent: s.userAgent,
        createdAt: iso(s.createdAt),
        lastSeenAt: iso(s.lastSeenAt),
      }))),
      notice: ctx.url.searchParams.get("notice") === "session_ended"
        ? "The session was ended."
        : undefined,
    });
  },
  async POST(ctx) {
    const { user } = await authorize(ctx);
    const { services, session } = ctx.state;
    if (!session) throw new HttpError(401, "unauthorized", "Please sign in to continue.");
    const form = await readForm(ctx.req, formSchema);
    if (form.action === "signout_everywhere") {
      const ended = await destroyUserSessions(services, user.id);
      await recordAudit(services, {
        actorId: user.id,
        tenantId: session.workspaceId,
        action: "auth.sign_out_everywhere",
        target: `user:${user.id}`,
        requestId: ctx.state.requestId,
        diff: { sessions: ended },
      });
      return redirect("/signin?notice=signed_out_everywhere", {
        headers: { "set-cookie": clearSessionCookie(services, ctx.url) },
      });
    }
    let target: string | undefined;
    for (const s of await listUserSessions(services, user.id)) {
      if (await handleOf(s.id) === form.session) target = s.id;
    }
    if (!target) throw new HttpError(404, "not_found", "There is no such session.");
    await destroySession(services, target);
    await recordAudit(services, {
      actorId: user.id,
      tenantId: session.workspaceId,
      action: "auth.sign_out",
      target: `user:${user.id}`,
      requestId: ctx.state.requestId,
      diff: { other_session: true },
    });
    if (target === session.id) {
      return redirect("/signin?notice=signed_out", {
        headers: { "set-cookie": clearSessionCookie(services, ctx.url) },
      });
    }
    return redirect("/account?notice=session_ended");
  },
};

/** The account page. */
export default function Account({ data }: PageProps<Data>) {
  return (
    <main class="section">
      <div class="wrap">
        <AccountNav workspace={data.workspace ?? undefined} current="/account" />
        <h1>Your account</h1>
        {data.notice && <p role="status">{data.notice}</p>}
        <p>
          Signed in as <strong>{data.user.email}</strong>.
        </p>
        <form method="post" action="/signout" class="actions">
          <button type="submit">Sign out</button>
        </form>

        <h2>Workspaces</h2>
        <ul>
          {data.workspaces.map((w) => (
            <li key={w.id}>
              <strong>{w.name}</strong> ({w.role}){" "}
              <a href={`/dashboard/${w.slug}/members`}>Members</a>
              {w.role !== "member" && (
                <>
                  {" · "}
                  <a href={`/dashboard/${w.slug}/tokens`}>API tokens</a>
                </>
              )}
            </li>
          ))}
        </ul>

        <h2>Active sessions</h2>
        <div class="table-scroll" tabindex={0}>
          <table>
            <caption class="visually-hidden">Your active sessions</caption>
            <thead>
              <tr>
                <th scope="col">Browser</th>
                <th scope="col">Signed in</th>
                <th scope="col">Last active</th>
                <th scope="col">
                  <span class="visually-hidden">Action</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.sessions.map((s) => (
                <tr key={s.handle}>
                  <td>
                    {s.userAgent}
                    {s.current && <strong>(this browser)</strong>}
                  </td>
                  <td>{s.createdAt}</td>
                  <td>{s.lastSeenAt}</td>
                  <td>
                    <form method="post" action="/account">
                      <input type="hidden" name="action" value="end_session" />
                      <input type="hidden" name="session" value={s.handle} />
                      <button type="submit" class="secondary">
                        {s.current ? "Sign out here" : "End session"}
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <form method="post" action="/account">
          <input type="hidden" name="action" value="signout_everywhere" />
          <button type="submit">Sign out everywhere</button>
        </form>
      </div>
    </main>
  );
}
