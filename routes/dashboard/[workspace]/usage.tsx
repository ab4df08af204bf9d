import { BarChart } from "../../../components/charts/BarChart.tsx";
import { formatValue } from "../../../components/charts/scale.ts";
import "../../../lib/dashboard/state.ts";
import { loadUsage, type UsageData } from "../../../lib/dashboard/usage.ts";
import type { Handlers, Meta, PageProps } from "../../../lib/framework/mod.ts";

/** Usage page metadata. */
export const meta: Meta = { title: "Usage and quotas", noindex: true };

interface Data {
  usage: UsageData;
}

/** Usage against the plan: today's runs, this month's tokens and cost, seats, 30-day charts. */
export const handler: Handlers<Data> = {
  GET: async (ctx) => {
    const usage = await loadUsage(ctx.state.services.db, ctx.state.dashboard!.workspace);
    return ctx.render({ usage });
  },
};

function Row({ label, used, limit, format }: {
  label: string;
  used: number;
  limit: number | null;
  format: "count" | "tokens" | "usd";
}) {
  const show = (v: number) => format === "usd" ? `$${v.toFixed(2)}` : formatValue(v, format);
  const share = limit ? used / limit : null;
  return (
    <tr data-quota-row={label}>
      <th scope="row">{label}</th>
      <td>{show(used)}</td>
      <td>{limit === null ? "Negotiated" : show(limit)}</td>
      <td>
        {share === null ? "—" : (
          <>
            <meter
              min={0}
              max={1}
              value={Math.min(1, share)}
              high={0.8}
              optimum={0}
              aria-label={`${label}: share used`}
            >
              {formatValue(share, "percent")}
            </meter>{" "}
            {formatValue(share, "percent")}
          </>
        )}
      </td>
    </tr>
  );
}

/** The Usage page. */
export default function Usage({ data }: PageProps<Data>) {
  const u = data.usage;
  return (
    <main class="dash-main">
      <h1>Usage and quotas</h1>
      <p>
        Plan:{" "}
        <strong>{u.plan.name}</strong>. Runs count per UTC day; tokens and cost per calendar month.
        See <a href="/pricing">pricing</a> for other plans.
      </p>
      <div class="table-scroll" tabindex={0}>
        <table>
          <caption>Usage against the plan's limits</caption>
          <thead>
            <tr>
              <th scope="col">Limit</th>
              <th scope="col">Used</th>
              <th scope="col">Allowed</th>
              <th scope="col">Share</th>
            </tr>
          </thead>
          <tbody>
            <Row
              label="Agent runs today"
              used={u.today.requests}
              limit={u.limits.requestsPerDay}
              format="count"
            />
            <Row
              label="Tokens this month"
              used={u.month.tokens}
              limit={u.limits.tokensPerMonth}
              format="tokens"
            />
            <Row
              label="Spend this month"
              used={u.month.costUsd}
              limit={u.limits.costCeilingUsdPerMonth}
              format="usd"
            />
          </tbody>
        </table>
      </div>
      <p>Members in this workspace: {u.seats}.</p>
      <div class="charts">
        <BarChart
          id="usage-runs"
          title="Agent runs per day"
          labels={u.days}
          values={u.requests}
          name="Runs"
          limit={u.limits.requestsPerDay === null
            ? undefined
            : { value: u.limits.requestsPerDay, label: "daily limit" }}
        />
        <BarChart
          id="usage-tokens"
          title="Tokens per day"
          labels={u.days}
          values={u.tokens}
          name="Tokens"
          format="tokens"
        />
      </div>
    </main>
  );
}
