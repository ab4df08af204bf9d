import { z } from "zod";
import CopyButton from "../../../../islands/CopyButton.tsx";
import { Time } from "../../../../components/auth/Time.tsx";
import { recordAudit } from "../../../../lib/audit/record.ts";
import { readForm } from "../../../../lib/auth/form.ts";
import "../../../../lib/dashboard/state.ts";
import {
  type FreshContext,
  type Handlers,
  HttpError,
  type Meta,
  type PageProps,
  redirect,
} from "../../../../lib/framework/mod.ts";
import { TICKET_CATEGORIES } from "../../../../lib/tickets/categories.ts";
import {
  readTicketSettings,
  rotateSigningKey,
  setAlertUrl,
  setAutoAnswer,
  type TicketSettings,
} from "../../../../lib/tickets/settings.ts";

/** Ticket settings metadata. */
export const meta: Meta = { title: "Ticket settings", noindex: true };

interface Data {
  slug: string;
  endpoint: string;
  canEdit: boolean;
  settings: TicketSettings;
  newKey?: string;
  notice?: string;
}

const formSchema = z.discriminatedUnion("action", [
  z.object({ action: z.literal("rotate_key") }),
  z.object({ action: z.literal("auto_answer") }).catchall(z.string()),
  z.object({
    action: z.literal("alert"),
    alertUrl: z.union([
      z.literal(""),
      z.url({ protocol: /^https?$/, error: "The alert webhook must be an http(s) URL." }).max(2000),
    ]),
  }),
], { error: "Unknown action." });

const NOTICES: Record<string, string> = {
  auto_answer: "Automatic answers saved.",
  alert: "Alert webhook saved.",
  alert_removed: "Alert webhook removed: urgent tickets alert no one.",
};

async function load(ctx: FreshContext<Data>, extra: Partial<Data> = {}): Promise<Data> {
  const auth = ctx.state.dashboard!;
  const { settings, db } = ctx.state.services;
  return {
    slug: auth.workspace.slug,
    endpoint: `${settings.publicUrl}/api/workspaces/${auth.workspace.slug}/tickets`,
    canEdit: auth.role !== "member",
    settings: await readTicketSettings(db, auth.workspace.id),
    notice: NOTICES[ctx.url.searchParams.get("notice") ?? ""],
    ...extra,
  };
}

/**
 * The tickets webhook's signing key (created or rotated, shown once), the categories answered
 * without review and the urgent-ticket alert webhook: everyone reads, owners and admins change
 * (audited, without the key or the URL).
 */
export const handler: Handlers<Data> = {
  GET: async (ctx) => ctx.render(await load(ctx)),
  POST: async (ctx) => {
    const auth = ctx.state.dashboard!;
    if (auth.role === "member") {
      throw new HttpError(403, "forbidden", "Only owners and admins change ticket settings.");
    }
    const { services } = ctx.state;
    const form = await readForm(ctx.req, formSchema);
    const audit = {
      actorId: auth.user.id,
      tenantId: auth.workspace.id,
      requestId: ctx.state.requestId,
      target: `workspace:${auth.workspace.id}`,
    };
    const base = `/dashboard/${auth.workspace.slug}/tickets/settings`;
    if (form.action === "rotate_key") {
      const { key, prefix, replaced } = await rotateSigningKey(
        services.db,
        services.settings.webhookSecrets,
        auth.workspace.id,
      );
      await recordAudit(services, {
        ...audit,
        action: replaced ? "tickets.key_rotated" : "tickets.key_created",
        diff: { prefix },
      });
      return ctx.render(await load(ctx, { newKey: key }), { status: 201 });
    }
    if (form.action === "auto_answer") {
      const chosen = TICKET_CATEGORIES.filter((c) => form[`auto:${c}`] === "on");
      const from = await setAutoAnswer(services.db, auth.workspace.id, chosen);
      await recordAudit(services, {
        ...audit,
        action: "tickets.auto_answer_changed",
        diff: { from, to: chosen },
      });
      return redirect(`${base}?notice=auto_answer`);
    }
    const url = form.alertUrl || null;
    await setAlertUrl(services.db, services.settings.webhookSecrets, auth.workspace.id, url);
    await recordAudit(services, {
      ...audit,
      action: "tickets.alert_webhook_changed",
      diff: { set: url !== null },
    });
    return redirect(`${base}?notice=${url ? "alert" : "alert_removed"}`);
  },
};

/** The ticket settings page. */
export default function TicketSettingsPage({ data }: PageProps<Data>) {
  const s = data.settings;
  const disabled = !data.canEdit;
  return (
    <main class="dash-main">
      <p>
        <a href={`/dashboard/${data.slug}/tickets`}>All tickets</a>
      </p>
      <h1>Ticket settings</h1>
      {data.notice && <p role="status">{data.notice}</p>}
      {disabled && <p>Only owners and admins can change these settings.</p>}
      <h2>Signing key</h2>
      <p>
        Your help desk sends tickets to <code>{data.endpoint}</code> signed with this key (how:{" "}
        <a href="/docs/tickets-api">Tickets API</a>).
      </p>
      {data.newKey && (
        <div class="card" role="status" data-new-key>
          <h3>New signing key</h3>
          <p>
            Copy it now: it is shown only once. Tickets signed with the previous key are refused.
          </p>
          <label for="new-key">Key</label>
          <p class="copy-field">
            <input id="new-key" type="text" readonly value={data.newKey} />
            <CopyButton target="new-key" label="Copy key" />
          </p>
        </div>
      )}
      <p data-key-status>
        {s.keyPrefix
          ? (
            <>
              Current key <code>{s.keyPrefix}…</code>, created <Time at={s.keyCreatedAt} />.
            </>
          )
          : "No key yet: the webhook refuses every ticket until you create one."}
      </p>
      <form method="post">
        <input type="hidden" name="action" value="rotate_key" />
        <button type="submit" disabled={disabled}>
          {s.keyPrefix ? "Rotate the key" : "Create a key"}
        </button>
      </form>
      <h2>Automatic answers</h2>
      <p>
        For the categories ticked here, the agent's draft reply is the answer: the ticket is marked
        answered automatically and, when it came with a{" "}
        <code>replyUrl</code>, the reply is posted there (signed with your key). Relay sends no
        email itself. Other tickets keep a draft for a person to review.
      </p>
      <form method="post">
        <input type="hidden" name="action" value="auto_answer" />
        <fieldset>
          <legend>Answer automatically</legend>
          {TICKET_CATEGORIES.map((c) => (
            <p key={c}>
              <label>
                <input
                  type="checkbox"
                  name={`auto:${c}`}
                  checked={s.autoAnswer.includes(c)}
                  disabled={disabled}
                />{" "}
                {c}
              </label>
            </p>
          ))}
        </fieldset>
        <p>
          <button type="submit" disabled={disabled}>Save automatic answers</button>
        </p>
      </form>
      <h2>Urgent ticket alerts</h2>
      <p>
        Tickets triaged as urgent are posted to this Slack-compatible incoming webhook (Slack,
        Mattermost, Rocket.Chat), with retries. {s.alertHost
          ? (
            <>
              Alerts go to <code data-alert-host>{s.alertHost}</code>.
            </>
          )
          : "None is set: urgent tickets alert no one."}
      </p>
      <form method="post">
        <input type="hidden" name="action" value="alert" />
        <p>
          <label for="alert-url">Webhook URL (empty to remove)</label>
          <input
            id="alert-url"
            name="alertUrl"
            type="url"
            maxlength={2000}
            placeholder="https://hooks.slack.com/services/…"
            disabled={disabled}
          />
        </p>
        <p>
          <button type="submit" disabled={disabled}>Save alert webhook</button>
        </p>
      </form>
    </main>
  );
}
