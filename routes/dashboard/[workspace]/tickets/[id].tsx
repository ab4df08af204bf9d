import { z } from "zod";
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
import { isTicketCategory, TICKET_CATEGORIES } from "../../../../lib/tickets/categories.ts";
import {
  correctCategory,
  getTicket,
  type Ticket,
  type TicketDelivery,
} from "../../../../lib/tickets/queries.ts";

/** Ticket page metadata. */
export const meta: Meta = { title: "Ticket", noindex: true };

interface Data {
  slug: string;
  ticket: Ticket;
  notice?: string;
}

const formSchema = z.object({
  action: z.literal("category", { error: "Unknown action." }),
  category: z.string().refine(isTicketCategory, "Choose one of the categories."),
});

async function ticketOf(ctx: FreshContext<Data>): Promise<Ticket> {
  const auth = ctx.state.dashboard!;
  const t = await getTicket(ctx.state.services.db, auth.workspace.id, ctx.params.id);
  if (!t) throw new HttpError(404, "not_found", "There is no such ticket in this workspace.");
  return t;
}

/** One ticket: what the agent found, its deliveries, and the category correction (audited). */
export const handler: Handlers<Data> = {
  GET: async (ctx) =>
    ctx.render({
      slug: ctx.state.dashboard!.workspace.slug,
      ticket: await ticketOf(ctx),
      notice: ctx.url.searchParams.get("notice") === "category" ? "Category saved." : undefined,
    }),
  POST: async (ctx) => {
    const auth = ctx.state.dashboard!;
    const ticket = await ticketOf(ctx);
    const form = await readForm(ctx.req, formSchema);
    const { services } = ctx.state;
    const changed = await correctCategory(
      services.db,
      auth.workspace.id,
      ticket.id,
      form.category,
      auth.user.id,
    );
    if (!changed) {
      throw new HttpError(409, "not_triaged", "This ticket has not been triaged yet.");
    }
    await recordAudit(services, {
      actorId: auth.user.id,
      tenantId: auth.workspace.id,
      requestId: ctx.state.requestId,
      action: "ticket.category_corrected",
      target: `ticket:${ticket.id}`,
      diff: { agent: changed.agent, from: changed.before, to: form.category },
    });
    return redirect(`/dashboard/${auth.workspace.slug}/tickets/${ticket.id}?notice=category`);
  },
};

const DELIVERY_LABEL: Record<TicketDelivery["kind"], string> = {
  alert: "Urgent alert to the alert webhook",
  reply: "Reply to the ticket's reply URL",
};

function answerText(t: Ticket): string {
  if (!t.autoAnswered) return "No: the draft waits for a person.";
  return t.hasReplyUrl
    ? "Yes: the reply is posted to the ticket's reply URL (see deliveries)."
    : "Yes, but the ticket came without a reply URL: the reply is stored here only.";
}

/** The ticket page. */
export default function TicketPage({ data }: PageProps<Data>) {
  const t = data.ticket;
  const category = t.correctedCategory ?? t.category;
  return (
    <main class="dash-main">
      <p>
        <a href={`/dashboard/${data.slug}/tickets`}>All tickets</a>
      </p>
      <h1>{t.subject || "(no subject)"}</h1>
      {data.notice && <p role="status">{data.notice}</p>}
      <dl class="facts card">
        <dt>From</dt>
        <dd>{[t.customerName, t.customerEmail].filter(Boolean).join(" · ") || "—"}</dd>
        <dt>Received</dt>
        <dd>
          <Time at={t.createdAt} />
        </dd>
        {t.externalId && (
          <>
            <dt>Help desk id</dt>
            <dd>{t.externalId}</dd>
          </>
        )}
        <dt>Status</dt>
        <dd data-status>{t.status}</dd>
        {t.status === "triaged" && (
          <>
            <dt>Category</dt>
            <dd data-category>
              {category}
              {t.correctedCategory && t.correctedCategory !== t.category && (
                <span class="muted">(the agent said {t.category})</span>
              )}
            </dd>
            <dt>Priority</dt>
            <dd data-priority>{t.priority}</dd>
            <dt>Sentiment</dt>
            <dd>{t.sentiment}</dd>
            <dt>Answered automatically</dt>
            <dd data-auto-answered>{answerText(t)}</dd>
            <dt>Engine</dt>
            <dd>
              {t.provider === "offline" ? "offline engine" : `${t.provider} (${t.model})`}
            </dd>
          </>
        )}
        {t.error && (
          <>
            <dt>Error</dt>
            <dd>{t.error}</dd>
          </>
        )}
      </dl>
      <h2>Message</h2>
      <p class="card lead-message">{t.body}</p>
      {t.status === "triaged" && (
        <>
          <h2>Category</h2>
          <form method="post" class="filters">
            <input type="hidden" name="action" value="category" />
            <p>
              <label for="ticket-category">Correct category</label>
              <select id="ticket-category" name="category">
                {TICKET_CATEGORIES.map((c) => (
                  <option key={c} value={c} selected={c === category}>{c}</option>
                ))}
              </select>
            </p>
            <p>
              <button type="submit">Save category</button>
            </p>
          </form>
          <p class="muted">
            Saving counts this ticket as reviewed for the accuracy on the tickets page, whether you
            keep the agent's category or change it.
          </p>
          {t.evidence.length > 0 && <p>Decided by the words: {t.evidence.join(", ")}.</p>}
          <h2>Suggested docs</h2>
          {t.docs.length === 0 ? <p>None found.</p> : (
            <ul>
              {t.docs.map((d) => (
                <li key={d.url}>
                  <a href={d.url}>{d.title} › {d.section}</a>
                </li>
              ))}
            </ul>
          )}
          <h2>{t.autoAnswered ? "Reply" : "Draft reply"}</h2>
          <div class="card" data-reply>
            {(t.draftReply ?? "").split("\n").map((line, i) => <p key={i}>{line || "\u00a0"}</p>)}
          </div>
        </>
      )}
      {t.deliveries.length > 0 && (
        <>
          <h2>Deliveries</h2>
          <ul>
            {t.deliveries.map((d) => (
              <li key={d.kind} data-delivery={d.kind}>
                {deliveryText(d)}
              </li>
            ))}
          </ul>
        </>
      )}
    </main>
  );
}

function deliveryText(d: TicketDelivery): string {
  const tries = `${d.attempts} attempt${d.attempts === 1 ? "" : "s"}`;
  const state = d.status === "sent"
    ? `sent (${tries})`
    : d.status === "failed"
    ? `failed after ${tries}: ${d.lastError ?? "unknown error"}`
    : `pending (${tries} so far${d.lastError ? `; last error: ${d.lastError}` : ""})`;
  return `${DELIVERY_LABEL[d.kind]}: ${state}`;
}
