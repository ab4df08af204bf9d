import { z } from "zod";
import { text } from "../../../lib/validation/text.ts";
import { recordAudit } from "../../../lib/audit/record.ts";
import { readForm } from "../../../lib/auth/form.ts";
import {
  readFitThreshold,
  readRetention,
  renameWorkspace,
  RETENTION_CLASSES,
  type RetentionChoice,
  type RetentionClass,
  retentionOptionsFor,
  writeFitThreshold,
  writeRetention,
} from "../../../lib/dashboard/settings.ts";
import "../../../lib/dashboard/state.ts";
import type { FreshContext, Handlers, Meta, PageProps } from "../../../lib/framework/mod.ts";
import { HttpError, redirect } from "../../../lib/framework/mod.ts";

/** Settings metadata. */
export const meta: Meta = { title: "Settings", noindex: true };

interface Data {
  slug: string;
  name: string;
  canEdit: boolean;
  retention: RetentionChoice;
  options: number[];
  defaults: Record<RetentionClass, number>;
  fitThreshold: number | null;
  notice?: string;
}

const LABELS: Record<RetentionClass, string> = {
  demoEvents: "Demo events (visits, clicks, demo runs in the live feed)",
  runs: "Agent runs",
  leads: "Leads",
};

const retentionField = (options: number[]) =>
  z.string().transform((v, ctx) => {
    if (v === "default") return null;
    const n = Number(v);
    if (!options.includes(n)) {
      ctx.addIssue({ code: "custom", message: "Choose one of the offered durations." });
      return z.NEVER;
    }
    return n;
  });

const nameSchema = z.object({
  action: z.literal("rename"),
  name: text().trim().min(1, "Give the workspace a name.").max(
    100,
    "Names are limited to 100 characters.",
  ),
});

const fitSchema = z.object({
  action: z.literal("fit"),
  threshold: z.string().trim().transform((v, ctx) => {
    if (v === "") return null;
    const n = Number(v);
    if (!/^\d{1,3}$/.test(v) || n > 100) {
      ctx.addIssue({
        code: "custom",
        message: "The fit threshold is a whole number from 0 to 100.",
      });
      return z.NEVER;
    }
    return n;
  }),
});

const NOTICES: Record<string, string> = {
  renamed: "Workspace renamed.",
  retention: "Retention saved.",
  fit: "Lead routing saved.",
};

function defaultsOf(ctx: FreshContext<Data>): Record<RetentionClass, number> {
  const r = ctx.state.services.settings.retentionDays;
  return { demoEvents: r.demoEvents, runs: r.runs, leads: r.leads };
}

/**
 * Workspace name, retention choices and lead routing: everyone reads, owners and admins change
 * (audited).
 */
export const handler: Handlers<Data> = {
  GET: async (ctx) => {
    const auth = ctx.state.dashboard!;
    return ctx.render({
      slug: auth.workspace.slug,
      name: auth.workspace.name,
      canEdit: auth.role !== "member",
      retention: await readRetention(ctx.state.services.db, auth.workspace.id),
      options: retentionOptionsFor(auth.workspace.plan),
      defaults: defaultsOf(ctx),
      fitThreshold: await readFitThreshold(ctx.state.services.db, auth.workspace.id),
      notice: NOTICES[ctx.url.searchParams.get("notice") ?? ""],
    });
  },
  POST: async (ctx) => {
    const auth = ctx.state.dashboard!;
    if (auth.role === "member") {
      throw new HttpError(403, "forbidden", "Only owners and admins change workspace settings.");
    }
    const { services } = ctx.state;
    const options = retentionOptionsFor(auth.workspace.plan);
    const schema = z.discriminatedUnion("action", [
      nameSchema,
      fitSchema,
      z.object({
        action: z.literal("retention"),
        demoEvents: retentionField(options),
        runs: retentionField(options),
        leads: retentionField(options),
      }),
    ], { error: "Unknown action." });
    const form = await readForm(ctx.req, schema);
    const audit = {
      actorId: auth.user.id,
      tenantId: auth.workspace.id,
      requestId: ctx.state.requestId,
    };
    if (form.action === "rename") {
      const from = await renameWorkspace(services.db, auth.workspace.id, form.name);
      await recordAudit(services, {
        ...audit,
        action: "workspace.renamed",
        target: `workspace:${auth.workspace.id}`,
        diff: { changed: from !== form.name },
      });
    } else if (form.action === "fit") {
      const from = await writeFitThreshold(services.db, auth.workspace.id, form.threshold);
      await recordAudit(services, {
        ...audit,
        action: "workspace.lead_routing_changed",
        target: `workspace:${auth.workspace.id}`,
        diff: { from, to: form.threshold },
      });
    } else {
      const next = { demoEvents: form.demoEvents, runs: form.runs, leads: form.leads };
      const from = await writeRetention(services.db, auth.workspace.id, next);
      await recordAudit(services, {
        ...audit,
        action: "workspace.retention_changed",
        target: `workspace:${auth.workspace.id}`,
        diff: { from, to: next },
      });
    }
    const notice = form.action === "rename" ? "renamed" : form.action;
    return redirect(`/dashboard/${auth.workspace.slug}/settings?notice=${notice}`);
  },
};

/** The Settings page. */
export default function Settings({ data }: PageProps<Data>) {
  const disabled = !data.canEdit;
  return (
    <main class="dash-main">
      <h1>Settings</h1>
      {data.notice && <p role="status">{data.notice}</p>}
      {disabled && <p>Only owners and admins can change these settings.</p>}
      <h2>Workspace name</h2>
      <form method="post">
        <input type="hidden" name="action" value="rename" />
        <p>
          <label for="ws-name">Name</label>
          <input
            id="ws-name"
            name="name"
            value={data.name}
            maxlength={100}
            required
            disabled={disabled}
          />
        </p>
        <p>
          <button type="submit" disabled={disabled}>Rename</button>
        </p>
      </form>
      <h2>Retention</h2>
      <p>How long this workspace's data is kept before the nightly retention sweep removes it.</p>
      <form method="post">
        <input type="hidden" name="action" value="retention" />
        {RETENTION_CLASSES.map((c) => (
          <p key={c}>
            <label for={`ret-${c}`}>{LABELS[c]}</label>
            <select id={`ret-${c}`} name={c} disabled={disabled}>
              <option value="default" selected={data.retention[c] === null}>
                Default ({data.defaults[c]} days)
              </option>
              {data.options.map((d) => (
                <option key={d} value={String(d)} selected={data.retention[c] === d}>
                  {d} days
                </option>
              ))}
            </select>
          </p>
        ))}
        <p>
          <button type="submit" disabled={disabled}>Save retention</button>
        </p>
      </form>
      <h2>Lead routing</h2>
      <p>
        Every lead is qualified by the lead-qualifier agent and e-mailed to the operators with its
        fit. Slack and the CRM webhook receive only leads whose fit score is at or above this
        threshold; leave it empty to send them every lead.
      </p>
      <form method="post">
        <input type="hidden" name="action" value="fit" />
        <p>
          <label for="fit-threshold">Minimum fit for Slack and the CRM webhook (0-100)</label>
          <input
            id="fit-threshold"
            name="threshold"
            type="number"
            min={0}
            max={100}
            step={1}
            inputMode="numeric"
            value={data.fitThreshold === null ? "" : String(data.fitThreshold)}
            disabled={disabled}
          />
        </p>
        <p>
          <button type="submit" disabled={disabled}>Save lead routing</button>
        </p>
      </form>
    </main>
  );
}
