import { z } from "zod";
import { text } from "../../../lib/validation/text.ts";
import { Time } from "../../../components/auth/Time.tsx";
import { recordAudit } from "../../../lib/audit/record.ts";
import {
  type ApiTokenInfo,
  createApiToken,
  listApiTokens,
  revokeApiToken,
} from "../../../lib/auth/api_tokens.ts";
import { authorize, type Authorized } from "../../../lib/auth/authorize.ts";
import { readForm } from "../../../lib/auth/form.ts";
import type { FreshContext, Handlers, Meta, PageProps } from "../../../lib/framework/mod.ts";
import { HttpError } from "../../../lib/framework/mod.ts";

/** Tokens page metadata. */
export const meta: Meta = { title: "API tokens", noindex: true };

interface Data {
  workspace: { slug: string; name: string };
  tokens: ApiTokenInfo[];
  created?: { name: string; token: string };
  notice?: string;
}

const EXPIRIES = { never: null, "7": 7, "30": 30, "90": 90 } as const;

const formSchema = z.discriminatedUnion("action", [
  z.object({
    action: z.literal("create"),
    name: text().trim().min(1, "Give the token a name.").max(100, "The name is too long."),
    expires: z.enum(["never", "7", "30", "90"], { error: "Choose an expiry." }),
  }),
  z.object({ action: z.literal("revoke"), token: z.uuid("Unknown token.") }),
], { error: "Unknown action." });

const MANAGERS = ["owner", "admin"] as const;

async function load(ctx: FreshContext<Data>, auth: Authorized, extra: Partial<Data> = {}) {
  return {
    workspace: { slug: auth.workspace.slug, name: auth.workspace.name },
    tokens: await listApiTokens(ctx.state.services.db, auth.workspace.id),
    notice: ctx.url.searchParams.get("notice") === "revoked" ? "Token revoked." : undefined,
    ...extra,
  };
}

/**
 * A workspace's API tokens (owners and admins): create (the secret is shown once, on the
 * response to the create form), list and revoke.
 */
export const handler: Handlers<Data> = {
  async GET(ctx) {
    const auth = await authorize(ctx, { workspace: ctx.params.workspace, roles: MANAGERS });
    return ctx.render(await load(ctx, auth));
  },
  async POST(ctx) {
    const auth = await authorize(ctx, { workspace: ctx.params.workspace, roles: MANAGERS });
    const { services } = ctx.state;
    const form = await readForm(ctx.req, formSchema);
    if (form.action === "create") {
      const days = EXPIRIES[form.expires];
      const expiresAt = days === null ? null : new Date(Date.now() + days * 86_400_000);
      const { id, token } = await createApiToken(services.db, {
        tenantId: auth.workspace.id,
        userId: auth.user.id,
        name: form.name,
        expiresAt,
      });
      await recordAudit(services, {
        actorId: auth.user.id,
        tenantId: auth.workspace.id,
        action: "api_token.created",
        target: `api_token:${id}`,
        requestId: ctx.state.requestId,
        diff: { expires_days: days },
      });
      return ctx.render(await load(ctx, auth, { created: { name: form.name, token } }), {
        status: 201,
      });
    }
    const name = await revokeApiToken(services.db, auth.workspace.id, form.token);
    if (name === null) throw new HttpError(404, "not_found", "There is no such token.");
    await recordAudit(services, {
      actorId: auth.user.id,
      tenantId: auth.workspace.id,
      action: "api_token.revoked",
      target: `api_token:${form.token}`,
      requestId: ctx.state.requestId,
    });
    return new Response(null, {
      status: 303,
      headers: { location: `/dashboard/${auth.workspace.slug}/tokens?notice=revoked` },
    });
  },
};

function status(t: ApiTokenInfo): string {
  if (t.revokedAt) return "revoked";
  if (t.expiresAt && t.expiresAt.getTime() <= Date.now()) return "expired";
  return "active";
}

/** The tokens page. */
export default function Tokens({ data }: PageProps<Data>) {
  return (
    <main class="dash-main">
      <div>
        <h1>API tokens of {data.workspace.name}</h1>
        <p class="muted">
          Tokens call the runs API and <code>/demo/record</code>{" "}
          as you, with the member role, in this workspace: send{" "}
          <code>Authorization: Bearer &lt;token&gt;</code>.
        </p>
        {data.notice && <p role="status">{data.notice}</p>}
        {data.created && (
          <div class="card" role="status">
            <h2>Token “{data.created.name}” created</h2>
            <p>Copy it now: it is shown only once.</p>
            <p>
              <label for="new-token">Token</label>
              <input id="new-token" type="text" readonly value={data.created.token} />
            </p>
          </div>
        )}
        <h2>Create a token</h2>
        <form method="post">
          <input type="hidden" name="action" value="create" />
          <p>
            <label for="token-name">Name</label>
            <input id="token-name" name="name" type="text" required maxLength={100} />
          </p>
          <p>
            <label for="token-expires">Expires</label>
            <select id="token-expires" name="expires">
              <option value="30">in 30 days</option>
              <option value="7">in 7 days</option>
              <option value="90">in 90 days</option>
              <option value="never">never</option>
            </select>
          </p>
          <p>
            <button type="submit">Create token</button>
          </p>
        </form>
        <h2>Tokens</h2>
        {data.tokens.length === 0 ? <p>No tokens yet.</p> : (
          <div class="table-scroll">
            <table>
              <caption class="visually-hidden">API tokens</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Starts with</th>
                  <th scope="col">Created</th>
                  <th scope="col">Expires</th>
                  <th scope="col">Last used</th>
                  <th scope="col">Status</th>
                  <th scope="col">
                    <span class="visually-hidden">Action</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.tokens.map((t) => (
                  <tr key={t.id}>
                    <td>{t.name}</td>
                    <td>
                      <code>{t.prefix}…</code>
                    </td>
                    <td>
                      <Time at={t.createdAt} />
                      {t.createdByEmail && <>by {t.createdByEmail}</>}
                    </td>
                    <td>{t.expiresAt ? <Time at={t.expiresAt} /> : "never"}</td>
                    <td>
                      <Time at={t.lastUsedAt} />
                    </td>
                    <td>{status(t)}</td>
                    <td>
                      {status(t) === "active" && (
                        <form method="post">
                          <input type="hidden" name="action" value="revoke" />
                          <input type="hidden" name="token" value={t.id} />
                          <button type="submit" class="secondary">
                            Revoke<span class="visually-hidden">{` ${t.name}`}</span>
                          </button>
                        </form>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </main>
  );
}
