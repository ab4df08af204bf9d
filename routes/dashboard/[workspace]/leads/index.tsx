import { Time } from "../../../../components/auth/Time.tsx";
import {
  type Lead,
  LEAD_STATUSES,
  type LeadFilters,
  leadFiltersSchema,
  listLeads,
} from "../../../../lib/dashboard/leads.ts";
import "../../../../lib/dashboard/state.ts";
import type { Handlers, Meta, PageProps } from "../../../../lib/framework/mod.ts";

/** Leads metadata. */
export const meta: Meta = { title: "Leads", noindex: true };

interface Data {
  slug: string;
  filters: LeadFilters;
  leads: Lead[];
  next: string | null;
}

/** The workspace's leads, newest first, filtered by status, 25 per page, with a CSV export. */
export const handler: Handlers<Data> = {
  GET: async (ctx) => {
    const filters = leadFiltersSchema.parse(Object.fromEntries(ctx.url.searchParams));
    const page = await listLeads(ctx.state.services.db, ctx.state.dashboardScope!, filters);
    return ctx.render({ slug: ctx.state.dashboard!.workspace.slug, filters, ...page });
  },
};

/** The Leads page. */
export default function Leads({ data }: PageProps<Data>) {
  const base = `/dashboard/${data.slug}/leads`;
  const status = data.filters.status;
  const withStatus = (extra: Record<string, string> = {}) => {
    const p = new URLSearchParams(status ? { status, ...extra } : extra).toString();
    return p ? `?${p}` : "";
  };
  return (
    <main class="dash-main">
      <h1>Leads</h1>
      <form method="get" action={base} class="filters" aria-label="Filter leads">
        <p>
          <label for="lead-status">Status</label>
          <select id="lead-status" name="status">
            <option value="">Any status</option>
            {LEAD_STATUSES.map((s) => <option key={s} value={s} selected={s === status}>{s}
            </option>)}
          </select>
        </p>
        <p>
          <button type="submit">Apply filter</button>
        </p>
        <p>
          <a class="button secondary" href={`${base}/export.csv${withStatus()}`} download>
            Export CSV
          </a>
        </p>
      </form>
      {data.leads.length === 0 ? <p>No leads match this filter yet.</p> : (
        <div class="table-scroll">
          <table>
            <caption class="visually-hidden">Leads, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Company</th>
                <th scope="col">Source</th>
                <th scope="col">Status</th>
                <th scope="col">Received</th>
              </tr>
            </thead>
            <tbody>
              {data.leads.map((l) => (
                <tr key={l.id} data-lead={l.id}>
                  <th scope="row">
                    <a href={`${base}/${l.id}`}>{l.name}</a>
                  </th>
                  <td>{l.company ?? "—"}</td>
                  <td>{l.source ?? "—"}</td>
                  <td>
                    {l.status}
                    {l.held && <span class="badge" data-held>unverified, awaiting acceptance</span>}
                  </td>
                  <td>
                    <Time at={l.createdAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav class="pager" aria-label="Pages of leads">
        {data.filters.cursor && <a href={`${base}${withStatus()}`}>Newest leads</a>}
        {data.next && (
          <a href={`${base}${withStatus({ cursor: data.next })}`} rel="next">Older leads</a>
        )}
      </nav>
    </main>
  );
}
