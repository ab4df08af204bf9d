import { authorize } from "../../../lib/auth/authorize.ts";
import { isSiteOperator } from "../../../lib/auth/site_operator.ts";
import "../../../lib/dashboard/state.ts";
import { type Handlers, HttpError, type Meta, type PageProps } from "../../../lib/framework/mod.ts";
import { type SystemSnapshot, systemSnapshot } from "../../../lib/telemetry/system.ts";
import { type DeadLetter, listDeadLetters } from "../../../lib/outbox/dead_letters.ts";
import { Time } from "../../../components/auth/Time.tsx";

type Data = SystemSnapshot & { deadLetters: DeadLetter[] };

/** System page metadata. */
export const meta: Meta = { title: "System", noindex: true };

/**
 * Site-wide health for the site operators (`SITE_OPERATORS`) only: SLOs, burn rates, queues,
 * errors, providers, dead letters. Everyone else gets the same 404 as any page they may not see.
 */
export const handler: Handlers<Data> = {
  GET: async (ctx) => {
    const { user } = await authorize(ctx, { workspace: ctx.params.workspace });
    if (!isSiteOperator(ctx.state.services.settings, user)) {
      throw new HttpError(404, "not_found", "There is nothing at this address.");
    }
    const { kv } = ctx.state.services;
    const [snapshot, deadLetters] = await Promise.all([
      systemSnapshot(kv),
      listDeadLetters(kv, 50),
    ]);
    return ctx.render({ ...snapshot, deadLetters });
  },
};

const STATUS_TEXT = {
  no_data: "No data yet",
  meeting: "Meeting objective",
  burning: "Burning budget",
  burning_fast: "Burning budget fast",
  healthy: "Healthy",
  degraded: "Degraded",
  failing: "Failing",
} as const;

const percent = (v: number | null, digits = 2) =>
  v === null ? "–" : `${(v * 100).toFixed(digits)}%`;
const seconds = (v: number | null) =>
  v === null ? "–" : v === Infinity ? "> 120 s" : v < 1 ? `${Math.round(v * 1000)} ms` : `${v} s`;
const age = (s: number) =>
  s < 60
    ? `${Math.round(s)} s`
    : s < 3600
    ? `${Math.round(s / 60)} min`
    : `${(s / 3600).toFixed(1)} h`;

function Status({ status }: { status: keyof typeof STATUS_TEXT }) {
  return <span class={`badge status-${status}`} data-status={status}>{STATUS_TEXT[status]}</span>;
}

/** The System page. */
export default function System({ data }: PageProps<Data>) {
  return (
    <main class="dash-main system">
      <h1>System</h1>
      <p>
        Measured by the instance serving this page since{" "}
        <Time at={data.startedAt} />; queue and outbox figures are shared by every instance.
        Fleet-wide history and alerts are in Grafana and Prometheus (see{" "}
        <a href="/docs/slo">SLOs</a> and the <a href="/docs/operations#alerts">runbook</a>).
      </p>

      <h2>Service level objectives</h2>
      <div class="table-scroll" tabindex={0}>
        <table data-system="slos">
          <caption>
            Each SLO against its 30-day objective; burn rate 1 spends the budget exactly
          </caption>
          <thead>
            <tr>
              <th scope="col">SLO</th>
              <th scope="col">Objective</th>
              <th scope="col">Measured</th>
              <th scope="col">Events</th>
              <th scope="col">Burn rate</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {data.slos.map((s) => (
              <tr key={s.id} data-slo={s.id}>
                <th scope="row">{s.title}</th>
                <td>{percent(s.objective, 1)}</td>
                <td>{percent(s.ratio)}</td>
                <td>{s.total.toLocaleString("en")}</td>
                <td>{s.burnRate === null ? "–" : `${s.burnRate.toFixed(2)}×`}</td>
                <td>
                  <Status status={s.status} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2>Traffic and streams</h2>
      <dl class="stats">
        <div>
          <dt>Requests</dt>
          <dd data-stat="requests">{data.http.requests.toLocaleString("en")}</dd>
        </div>
        <div>
          <dt>Server errors (5xx)</dt>
          <dd data-stat="error-ratio">{percent(data.http.errorRatio)}</dd>
        </div>
        <div>
          <dt>Open event streams</dt>
          <dd data-stat="sse">{data.sseConnections}</dd>
        </div>
        <div>
          <dt>Outbox waiting</dt>
          <dd data-stat="outbox">
            {data.outbox.depth}
            {data.outbox.depth > 0 && <small>(oldest {age(data.outbox.oldestSeconds)})</small>}
          </dd>
        </div>
      </dl>

      <h2>Queues</h2>
      {data.queue.length === 0
        ? <p data-system="queue-empty">No jobs waiting.</p>
        : (
          <div class="table-scroll" tabindex={0}>
            <table data-system="queues">
              <caption>Jobs enqueued and not yet handled</caption>
              <thead>
                <tr>
                  <th scope="col">Type</th>
                  <th scope="col">Waiting</th>
                  <th scope="col">Oldest</th>
                </tr>
              </thead>
              <tbody>
                {data.queue.map((q) => (
                  <tr key={q.type} data-queue={q.type}>
                    <th scope="row">{q.type}</th>
                    <td>{q.depth}</td>
                    <td>{age(q.oldestSeconds)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}

      <h2>LLM providers</h2>
      {data.providers.length === 0
        ? <p data-system="providers-empty">No LLM calls yet.</p>
        : (
          <div class="table-scroll" tabindex={0}>
            <table data-system="providers">
              <caption>Calls, errors and latency per provider</caption>
              <thead>
                <tr>
                  <th scope="col">Provider</th>
                  <th scope="col">Calls</th>
                  <th scope="col">Errors</th>
                  <th scope="col">Latency p95</th>
                  <th scope="col">Errors by kind</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {data.providers.map((p) => (
                  <tr key={p.provider} data-provider={p.provider}>
                    <th scope="row">{p.provider}</th>
                    <td>{p.calls.toLocaleString("en")}</td>
                    <td>{p.errors.toLocaleString("en")} ({percent(p.errorRatio, 1)})</td>
                    <td>{seconds(p.p95Seconds)}</td>
                    <td>
                      {p.errorKinds.length
                        ? p.errorKinds.map((k) => `${k.kind}: ${k.count}`).join(", ")
                        : "none"}
                    </td>
                    <td>
                      <Status status={p.status} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}

      <h2>Dead letters</h2>
      {data.deadLetters.length === 0
        ? <p data-system="dead-letters-empty">No write has been refused by the database.</p>
        : (
          <div class="table-scroll">
            <table data-system="dead-letters">
              <caption>
                Writes the database refused for good, taken out of their retries (see the{" "}
                <a href="/docs/operations#dead-letters">runbook</a>)
              </caption>
              <thead>
                <tr>
                  <th scope="col">Source</th>
                  <th scope="col">Id</th>
                  <th scope="col">Reason</th>
                  <th scope="col">When</th>
                </tr>
              </thead>
              <tbody>
                {data.deadLetters.map((d) => (
                  <tr key={`${d.source}:${d.id}`} data-dead-letter={d.id}>
                    <th scope="row">{d.source}</th>
                    <td>
                      <code>{d.id}</code>
                    </td>
                    <td>{d.reason}</td>
                    <td>
                      <Time at={d.at} />
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
