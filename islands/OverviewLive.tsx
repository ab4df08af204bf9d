import { useEffect, useState } from "preact/hooks";
import { BarChart } from "../components/charts/BarChart.tsx";
import { LineChart } from "../components/charts/LineChart.tsx";
import { formatValue, type ValueFormat } from "../components/charts/scale.ts";
import { Sparkline } from "../components/charts/Sparkline.tsx";
import type { OverviewData, PeriodFigures } from "../lib/dashboard/overview.ts";
import { FEED_EVENTS } from "../lib/tracking/live_feed.ts";

/** Props of {@link OverviewLive}. */
export interface OverviewLiveProps {
  workspace: string;
  initial: OverviewData;
  /** Seconds between refreshes when nothing happens (default 30). */
  refreshSeconds?: number;
}

const FIGURES: { key: keyof PeriodFigures; label: string; format: ValueFormat }[] = [
  { key: "visits", label: "Visits", format: "count" },
  { key: "runs", label: "Demo runs", format: "count" },
  { key: "leads", label: "Leads", format: "count" },
  { key: "conversion", label: "Conversion", format: "percent" },
  { key: "errorRate", label: "Error rate", format: "percent" },
  { key: "p95Ms", label: "p95 run time", format: "ms" },
  { key: "tokens", label: "Tokens", format: "tokens" },
];

const SPARK: Partial<Record<keyof PeriodFigures, keyof OverviewData["series"]>> = {
  visits: "visits",
  runs: "runs",
  leads: "leads",
  errorRate: "errorRate",
  p95Ms: "p95Ms",
  tokens: "tokens",
};

/**
 * The Overview figures and charts, rendered on the server and refreshed in place: when the
 * activity feed reports new events (debounced) and every `refreshSeconds` otherwise.
 */
export default function OverviewLive(
  { workspace, initial, refreshSeconds = 30 }: OverviewLiveProps,
) {
  const [data, setData] = useState(initial);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let busy = false;
    let again = false;
    const refresh = async () => {
      if (busy) {
        again = true;
        return;
      }
      busy = true;
      try {
        const res = await fetch(`/api/dashboard/${encodeURIComponent(workspace)}/overview`, {
          headers: { accept: "application/json" },
        });
        if (res.ok) setData(await res.json() as OverviewData);
      } catch {
        // Offline: the next event or interval tries again.
      } finally {
        busy = false;
      }
      // Events that arrived during that request may not be in its answer: fetch once more.
      if (again) {
        again = false;
        refresh();
      }
    };
    const soon = () => {
      clearTimeout(timer);
      timer = setTimeout(refresh, 400);
    };
    const interval = setInterval(refresh, refreshSeconds * 1000);
    addEventListener(FEED_EVENTS, soon);
    return () => {
      clearTimeout(timer);
      clearInterval(interval);
      removeEventListener(FEED_EVENTS, soon);
    };
  }, [workspace]);

  const { month } = data;
  const quotaShare = month.quota ? month.tokens / month.quota : null;
  return (
    <div class="overview" data-generated={data.generatedAt}>
      <section aria-labelledby="figures-title">
        <h2 id="figures-title">Today and the last 30 days</h2>
        <dl class="kpis">
          {FIGURES.map((f) => {
            const series = SPARK[f.key];
            return (
              <div class="kpi card" key={f.key} data-kpi={f.key}>
                <dt>{f.label}</dt>
                <dd>
                  <span class="kpi-today">{formatValue(data.today[f.key], f.format)}</span>
                  <span class="kpi-label">today</span>
                </dd>
                <dd>
                  <span class="kpi-30">{formatValue(data.last30[f.key], f.format)}</span>
                  <span class="kpi-label">30 days</span>
                </dd>
                {series && (
                  <dd>
                    <Sparkline
                      title={`${f.label}, last 30 days`}
                      values={data.series[series]}
                      format={f.format}
                    />
                  </dd>
                )}
              </div>
            );
          })}
        </dl>
      </section>
      <section aria-labelledby="quota-title" class="card quota">
        <h2 id="quota-title">Token spend this month</h2>
        <p data-quota>
          {formatValue(month.tokens, "tokens")} tokens
          {month.quota === null
            ? ` (plan ${month.plan}: no fixed quota)`
            : ` of ${formatValue(month.quota, "tokens")} on the ${month.plan} plan (${
              formatValue(quotaShare, "percent")
            })`}
        </p>
        {quotaShare !== null && (
          <meter
            min={0}
            max={1}
            value={Math.min(1, quotaShare)}
            high={0.8}
            optimum={0}
            aria-label="Share of the monthly token quota used"
          >
            {formatValue(quotaShare, "percent")}
          </meter>
        )}
      </section>
      <section aria-labelledby="charts-title">
        <h2 id="charts-title">Trends</h2>
        <div class="charts">
          <LineChart
            id="chart-traffic"
            title="Visits, demo runs and leads per day"
            labels={data.days}
            series={[
              { name: "Visits", values: data.series.visits },
              { name: "Demo runs", values: data.series.runs },
              { name: "Leads", values: data.series.leads },
            ]}
          />
          <LineChart
            id="chart-p95"
            title="p95 run time per day"
            labels={data.days}
            series={[{ name: "p95 run time", values: data.series.p95Ms }]}
            format="ms"
          />
          <LineChart
            id="chart-errors"
            title="Run error rate per day"
            labels={data.days}
            series={[{ name: "Error rate", values: data.series.errorRate }]}
            format="percent"
          />
          <BarChart
            id="chart-tokens"
            title="Tokens spent per day"
            labels={data.days}
            values={data.series.tokens}
            name="Tokens"
            format="tokens"
          />
        </div>
      </section>
    </div>
  );
}
