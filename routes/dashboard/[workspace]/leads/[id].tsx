import { z } from "zod";
import { text } from "../../../../lib/validation/text.ts";
import { Time } from "../../../../components/auth/Time.tsx";
import { TraceLink } from "../../../../components/dashboard/TraceLink.tsx";
import { LeadQualification } from "../../../../components/dashboard/LeadQualification.tsx";
import { recordAudit } from "../../../../lib/audit/record.ts";
import { readForm } from "../../../../lib/auth/form.ts";
import {
  addLeadNote,
  getLead,
  type Lead,
  LEAD_STATUSES,
  type LeadNote,
  leadNotes,
  setLeadStatus,
} from "../../../../lib/dashboard/leads.ts";
import "../../../../lib/dashboard/state.ts";
import { acceptHeldLead } from "../../../../lib/leads/review.ts";
import { requeueQualification } from "../../../../lib/leads/qualification.ts";
import {
  type FreshContext,
  type Handlers,
  HttpError,
  type Meta,
  type PageProps,
  redirect,
} from "../../../../lib/framework/mod.ts";

/** Lead page metadata. */
export const meta: Meta = { title: "Lead", noindex: true };

interface Data {
  slug: string;
  lead: Lead;
  notes: LeadNote[];
  notice?: string;
  traceUrlTemplate?: string;
}

const formSchema = z.discriminatedUnion("action", [
  z.object({ action: z.literal("accept") }),
  z.object({ action: z.literal("qualify") }),
  z.object({
    action: z.literal("status"),
    status: z.enum(LEAD_STATUSES, { error: "Choose a status." }),
  }),
  z.object({
    action: z.literal("note"),
    body: text().trim().min(1, "Write a note first.").max(
      5000,
      "Notes are limited to 5,000 characters.",
    ),
  }),
], { error: "Unknown action." });

const NOTICES: Record<string, string> = {
  accept: "Lead accepted: it is counted, queued for qualification, then announced.",
  qualify: "Lead queued for qualification: reload in a moment to see its fit.",
  status: "Status changed.",
  note: "Note added.",
};

async function leadOf(ctx: FreshContext<Data>): Promise<Lead> {
  const lead = await getLead(ctx.state.services.db, ctx.state.dashboardScope!, ctx.params.id);
  if (!lead) throw new HttpError(404, "not_found", "There is no such lead in this workspace.");
  return lead;
}

/** One lead: details, status changes and notes (each audited). */
export const handler: Handlers<Data> = {
  GET: async (ctx) => {
    const lead = await leadOf(ctx);
    return ctx.render({
      slug: ctx.state.dashboard!.workspace.slug,
      lead,
      notes: await leadNotes(ctx.state.services.db, lead.id),
      notice: NOTICES[ctx.url.searchParams.get("notice") ?? ""],
      traceUrlTemplate: ctx.state.services.settings.traceUrlTemplate,
    });
  },
  POST: async (ctx) => {
    const lead = await leadOf(ctx);
    const auth = ctx.state.dashboard!;
    const { services } = ctx.state;
    const form = await readForm(ctx.req, formSchema);
    const audit = {
      actorId: auth.user.id,
      tenantId: auth.workspace.id,
      requestId: ctx.state.requestId,
    };
    if (form.action === "accept") {
      if (await acceptHeldLead(services, lead.id, auth.user.id)) {
        await recordAudit(services, {
          ...audit,
          action: "lead.accepted",
          target: `lead:${lead.id}`,
          diff: { held: false },
        });
      }
    } else if (form.action === "qualify") {
      if (lead.held) {
        throw new HttpError(409, "lead_held", "Accept this lead before qualifying it.");
      }
      await requeueQualification(services, lead.id);
      await recordAudit(services, {
        ...audit,
        action: "lead.qualification_queued",
        target: `lead:${lead.id}`,
        diff: { from: lead.qualificationStatus },
      });
    } else if (form.action === "status") {
      const from = await setLeadStatus(services.db, lead.id, form.status);
      await recordAudit(services, {
        ...audit,
        action: "lead.status_changed",
        target: `lead:${lead.id}`,
        diff: { from, to: form.status },
      });
    } else {
      const id = await addLeadNote(services.db, {
        leadId: lead.id,
        tenantId: auth.workspace.id,
        authorId: auth.user.id,
        body: form.body,
      });
      await recordAudit(services, {
        ...audit,
        action: "lead.note_added",
        target: `lead:${lead.id}`,
        diff: { note: id },
      });
    }
    return redirect(`/dashboard/${auth.workspace.slug}/leads/${lead.id}?notice=${form.action}`);
  },
};

/** The lead page. */
export default function LeadPage({ data }: PageProps<Data>) {
  const { lead } = data;
  return (
    <main class="dash-main">
      <p>
        <a href={`/dashboard/${data.slug}/leads`}>All leads</a>
      </p>
      <h1>{lead.name}</h1>
      {data.notice && <p role="status">{data.notice}</p>}
      <dl class="facts card">
        <dt>E-mail</dt>
        <dd>
          <a href={`mailto:${lead.email}`}>{lead.email}</a>
        </dd>
        <dt>Company</dt>
        <dd>{lead.company ?? "—"}</dd>
        <dt>Website</dt>
        <dd>{lead.website ?? "—"}</dd>
        <dt>Source</dt>
        <dd>{lead.source ?? "—"}</dd>
        <dt>Status</dt>
        <dd data-status>{lead.status}</dd>
        <dt>Marketing consent</dt>
        <dd>{lead.consent ? "yes" : "no"}</dd>
        <dt>Received</dt>
        <dd>
          <Time at={lead.createdAt} />
        </dd>
        <dt>Trace</dt>
        <dd>
          <TraceLink traceId={lead.traceId} template={data.traceUrlTemplate} />
        </dd>
      </dl>
      {lead.held && (
        <section class="card" data-held aria-labelledby="held-title">
          <h2 id="held-title">Unverified lead</h2>
          <p>
            This lead was sent without the spam check (the form without JavaScript). It has notified
            no one and is not counted in the overview or reports until you accept it.
          </p>
          <form method="post">
            <input type="hidden" name="action" value="accept" />
            <button type="submit">Accept</button>
          </form>
        </section>
      )}
      <LeadQualification lead={lead} />
      <h2>Message</h2>
      <p class="card lead-message">{lead.message || "—"}</p>
      <h2>Status</h2>
      <form method="post" class="filters">
        <input type="hidden" name="action" value="status" />
        <p>
          <label for="lead-status">New status</label>
          <select id="lead-status" name="status">
            {LEAD_STATUSES.map((s) => (
              <option key={s} value={s} selected={s === lead.status}>{s}</option>
            ))}
          </select>
        </p>
        <p>
          <button type="submit">Change status</button>
        </p>
      </form>
      <h2>Notes</h2>
      {data.notes.length === 0 ? <p>No notes yet.</p> : (
        <ol class="timeline" aria-label="Notes">
          {data.notes.map((n) => (
            <li key={n.id} data-note>
              <Time at={n.createdAt} />
              <span>{n.authorEmail ?? "a former member"}</span>
              <p>{n.body}</p>
            </li>
          ))}
        </ol>
      )}
      <form method="post">
        <input type="hidden" name="action" value="note" />
        <p>
          <label for="lead-note">Add a note</label>
          <textarea id="lead-note" name="body" rows={4} maxlength={5000} required />
        </p>
        <p>
          <button type="submit">Add note</button>
        </p>
      </form>
    </main>
  );
}
