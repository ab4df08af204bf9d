import { Time } from "../../../../components/auth/Time.tsx";
import { LeadFit } from "../../../../components/dashboard/LeadFit.tsx";
import {
  type Lead,
  LEAD_STATUSES,
  type LeadFilters,
  leadFiltersSchema,
  listLeads,
} from "../../../../lib/dashboard/leads.ts";
import { parseQuery } from "../../../../lib/http/query.ts";
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

/**
 * The workspace's leads, newest or best fit first, filtered by status, 25 per page, with a CSV
 * export.
 */
export const handler: Handlers<Data> = {
  GET: async (ctx) => {
    const filters = parseQuery(leadFiltersSchema, ctx.url);
    const page = await listLeads(ctx.state.services.db, ctx.state.dashboardScope!, filters);
    return ctx.render({ slug: ctx.state.dashboard!.workspace.slug, filters, ...page });
  },
};

/** The Leads page. */
export default function Leads({ data }: PageProps<Data>) {
  const base = `/dashboard/${data.slug}/leads`;
  const { status, sort } = data.filters;
  const query = (extra: Record<string, string> = {}) => {
    const p = new URLSearchParams({
      ...(status ? { status } : {}),
      ...(sort ? { sort } : {}),
      ...extra,
    }).toString();
    return p ? `?${p}` : "";
  };
  const sortedBy = (next: "fit" | "") => {
    const p = new URLSearchParams({
      ...(status ? { status } : {}),
      ...(next ? { sort: next } : {}),
    }).toString();
    return `${base}${p ? `?${p}` : ""}`;
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
          {sort && <input type="hidden" name="sort" value={sort} />}
        </p>
        <p>
          <button type="submit">Apply filter</button>
        </p>
        <p>
          <a class="button secondary" href={`${base}/export.csv${query()}`} download>
            Export CSV
          </a>
        </p>
      </form>
      <p class="sort-links">
        Sort: {sort === "fit"
          ? <a href={sortedBy("")}>newest first</a>
          : <strong aria-current="true">newest first</strong>}
        {" · "}
        {sort === "fit"
          ? <strong aria-current="true">best fit first</strong>
          : <a href={sortedBy("fit")} data-sort-fit>best fit first</a>}
      </p>
      {data.leads.length === 0
        ? <p>No leads match this filter yet.</p>
        : (
          <div class="table-scroll" tabindex={0}>
            <table>
              <caption class="visually-hidden">
                Leads, {sort === "fit" ? "best fit first" : "newest first"}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Company</th>
                  <th scope="col">Fit</th>
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
                    <td>
                      <LeadFit lead={l} />
                    </td>
                    <td>{l.source ?? "—"}</td>
                    <td>
                      {l.status}
                      {l.held && (
                        <span class="badge" data-held>unverified, awaiting acceptance</span>
                      )}
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
        {data.filters.cursor && (
          <a href={`${base}${query()}`}>{sort === "fit" ? "Best fit" : "Newest leads"}</a>
        )}
        {data.next && (
          <a href={`${base}${query({ cursor: data.next })}`} rel="next">
            {sort === "fit" ? "Next leads" : "Older leads"}
          </a>
        )}
      </nav>
    </main>
  );
}
