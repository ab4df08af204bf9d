import { Time } from "../../../../components/auth/Time.tsx";
import { parseQuery } from "../../../../lib/http/query.ts";
import "../../../../lib/dashboard/state.ts";
import {
  listRuns,
  RUN_STATUSES,
  runAgents,
  type RunFilters,
  runFiltersSchema,
  type RunSummary,
} from "../../../../lib/dashboard/runs.ts";
import type { Handlers, Meta, PageProps } from "../../../../lib/framework/mod.ts";

/** Runs metadata. */
export const meta: Meta = { title: "Runs", noindex: true };

interface Data {
  slug: string;
  filters: RunFilters;
  agents: string[];
  runs: RunSummary[];
  next: string | null;
}

/** The workspace's agent runs, newest first, filtered by status and agent, 25 per page. */
export const handler: Handlers<Data> = {
  GET: async (ctx) => {
    const auth = ctx.state.dashboard!;
    const { db } = ctx.state.services;
    const filters = parseQuery(runFiltersSchema, ctx.url);
    const [page, agents] = await Promise.all([
      listRuns(db, ctx.state.dashboardScope!, filters),
      runAgents(db, ctx.state.dashboardScope!),
    ]);
    return ctx.render({ slug: auth.workspace.slug, filters, agents, ...page });
  },
};

const durationOf = (r: RunSummary) =>
  r.startedAt && r.finishedAt
    ? `${((r.finishedAt.getTime() - r.startedAt.getTime()) / 1000).toFixed(1)} s`
    : "—";

/** The Runs page. */
export default function Runs({ data }: PageProps<Data>) {
  const base = `/dashboard/${data.slug}/runs`;
  const query = (extra: Record<string, string>) => {
    const p = new URLSearchParams();
    if (data.filters.status) p.set("status", data.filters.status);
    if (data.filters.agent) p.set("agent", data.filters.agent);
    for (const [k, v] of Object.entries(extra)) p.set(k, v);
    const s = p.toString();
    return s ? `${base}?${s}` : base;
  };
  return (
    <main class="dash-main">
      <h1>Runs</h1>
      <form method="get" action={base} class="filters" aria-label="Filter runs">
        <p>
          <label for="run-status">Status</label>
          <select id="run-status" name="status">
            <option value="">Any status</option>
            {RUN_STATUSES.map((s) => (
              <option key={s} value={s} selected={s === data.filters.status}>{s}</option>
            ))}
          </select>
        </p>
        <p>
          <label for="run-agent">Agent</label>
          <select id="run-agent" name="agent">
            <option value="">Any agent</option>
            {data.agents.map((a) => (
              <option key={a} value={a} selected={a === data.filters.agent}>{a}</option>
            ))}
          </select>
        </p>
        <p>
          <button type="submit">Apply filters</button>
        </p>
      </form>
      {data.runs.length === 0
        ? <p>No runs match these filters yet.</p>
        : (
          <div class="table-scroll" tabindex={0}>
            <table>
              <caption class="visually-hidden">Agent runs, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Run</th>
                  <th scope="col">Agent</th>
                  <th scope="col">Status</th>
                  <th scope="col">Started</th>
                  <th scope="col">Duration</th>
                  <th scope="col">Tokens</th>
                  <th scope="col">Cost (USD)</th>
                </tr>
              </thead>
              <tbody>
                {data.runs.map((r) => (
                  <tr key={r.id} data-run={r.id}>
                    <th scope="row">
                      <a href={`${base}/${encodeURIComponent(r.id)}`}>
                        <code>{r.id}</code>
                      </a>
                    </th>
                    <td>{r.agent}</td>
                    <td
                      class={r.status === "failed"
                        ? "status-bad"
                        : r.status === "succeeded"
                        ? "status-ok"
                        : ""}
                    >
                      {r.status}
                    </td>
                    <td>
                      <Time at={r.createdAt} />
                    </td>
                    <td>{durationOf(r)}</td>
                    <td>{(r.tokensIn + r.tokensOut).toLocaleString("en")}</td>
                    <td>{Number(r.costUsd).toFixed(4)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      <nav class="pager" aria-label="Pages of runs">
        {data.filters.cursor && <a href={query({})}>Newest runs</a>}
        {data.next && <a href={query({ cursor: data.next })} rel="next">Older runs</a>}
      </nav>
    </main>
  );
}
