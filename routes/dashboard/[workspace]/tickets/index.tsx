import { Time } from "../../../../components/auth/Time.tsx";
import { CategoryAccuracy } from "../../../../components/dashboard/CategoryAccuracy.tsx";
import "../../../../lib/dashboard/state.ts";
import type { Handlers, Meta, PageProps } from "../../../../lib/framework/mod.ts";
import {
  type CategoryStats,
  categoryStats,
  listTickets,
  type TicketSummary,
} from "../../../../lib/tickets/queries.ts";

/** Tickets page metadata. */
export const meta: Meta = { title: "Tickets", noindex: true };

interface Data {
  slug: string;
  tickets: TicketSummary[];
  stats: CategoryStats[];
}

/** The workspace's tickets, newest first, with counts and accuracy per category. */
export const handler: Handlers<Data> = {
  GET: async (ctx) => {
    const auth = ctx.state.dashboard!;
    const { db } = ctx.state.services;
    const [tickets, stats] = await Promise.all([
      listTickets(db, auth.workspace.id),
      categoryStats(db, auth.workspace.id),
    ]);
    return ctx.render({ slug: auth.workspace.slug, tickets, stats });
  },
};

function categoryOf(t: TicketSummary): string {
  if (t.status !== "triaged") return t.status === "queued" ? "being triaged" : "triage failed";
  return t.correctedCategory ?? t.category ?? "—";
}

/** The tickets page. */
export default function TicketsPage({ data }: PageProps<Data>) {
  const base = `/dashboard/${data.slug}/tickets`;
  return (
    <main class="dash-main">
      <h1>Tickets</h1>
      <p class="muted">
        Tickets your help desk sends to the signed tickets webhook, triaged by the support-triage
        agent. <a href={`${base}/settings`}>Ticket settings</a>{" "}
        (signing key, automatic answers, urgent alerts) ·{" "}
        <a href="/docs/tickets-api">Tickets API</a>
      </p>
      <h2>Counts and accuracy per category</h2>
      <CategoryAccuracy stats={data.stats} />
      <h2>Newest tickets</h2>
      {data.tickets.length === 0 ? <p>No tickets yet.</p> : (
        <div class="table-scroll" tabindex={0}>
          <table>
            <caption class="visually-hidden">Tickets, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Subject</th>
                <th scope="col">Category</th>
                <th scope="col">Priority</th>
                <th scope="col">Received</th>
              </tr>
            </thead>
            <tbody>
              {data.tickets.map((t) => (
                <tr key={t.id} data-ticket={t.id}>
                  <th scope="row">
                    <a href={`${base}/${t.id}`}>{t.subject || "(no subject)"}</a>
                  </th>
                  <td>
                    {categoryOf(t)}
                    {t.correctedCategory && t.correctedCategory !== t.category && (
                      <span class="badge">corrected</span>
                    )}
                    {t.autoAnswered && <span class="badge">answered automatically</span>}
                  </td>
                  <td>{t.priority ?? "—"}</td>
                  <td>
                    <Time at={t.createdAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </main>
  );
}
