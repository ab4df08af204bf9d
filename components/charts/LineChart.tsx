import { ChartSvg } from "./ChartSvg.tsx";
import { DataTable } from "./DataTable.tsx";
import { isEmpty, PAD, pct, PLOT_H } from "./frame.ts";
import { formatValue, niceMax, type ValueFormat } from "./scale.ts";

/** Props of {@link LineChart}. */
export interface LineChartProps {
  /** Unique id prefix (for the title and description references). */
  id: string;
  title: string;
  /** X labels (days, `YYYY-MM-DD`). */
  labels: readonly string[];
  series: readonly { name: string; values: readonly (number | null)[] }[];
  format?: ValueFormat;
  /** What to say instead of a flat chart when there is no value above zero. */
  empty?: string;
}

/** Width of the inner viewBox the lines are drawn in (stretched to the chart's width). */
const VW = 1000;

/**
 * A full-width line chart as inline SVG with an accessible title and summary, readable axis
 * labels, and the data as a table underneath. Gaps (null) break the line; a lone point is
 * drawn as a dot. With no data it says so instead. Server-rendered; no script needed.
 */
export function LineChart(
  { id, title, labels, series, format = "count", empty }: LineChartProps,
) {
  const values = series.flatMap((s) => s.values);
  const max = niceMax(values);
  const xPct = (i: number) => labels.length <= 1 ? 50 : (i * 100) / (labels.length - 1);
  const y = (v: number) => PLOT_H - (v / max) * PLOT_H;
  const paths = series.map((s) => {
    let d = "";
    s.values.forEach((v, i) => {
      if (v === null || !Number.isFinite(v)) return;
      const prev = s.values[i - 1];
      const pen = i > 0 && prev !== null && prev !== undefined && Number.isFinite(prev);
      const x = (xPct(i) * VW) / 100;
      d += `${pen ? "L" : "M"}${x.toFixed(1)},${y(v).toFixed(1)}`;
    });
    return d;
  });
  /** Points with no neighbour draw no line: each gets a dot. */
  const dots = series.flatMap((s, n) =>
    s.values.flatMap((v, i) => {
      const known = (w: number | null | undefined) =>
        w !== null && w !== undefined && Number.isFinite(w);
      if (!known(v) || known(s.values[i - 1]) || known(s.values[i + 1])) return [];
      return [{ key: `${n}-${i}`, n, x: pct(xPct(i)), y: PAD.top + y(v!) }];
    })
  );
  const last = series.map((s) => `${s.name}: ${formatValue(s.values.at(-1) ?? null, format)}`);
  const summary = `${labels.length} days from ${labels[0] ?? "–"} to ${labels.at(-1) ?? "–"}; ` +
    `latest ${last.join(", ")}; axis up to ${formatValue(max, format)}.`;
  return (
    <figure class="chart" data-chart={id}>
      <figcaption>
        <span class="chart-title">{title}</span>
        {series.length > 1 && (
          <span class="chart-legend">
            {series.map((s, i) => (
              <span key={s.name} class={`chart-key chart-series-${i}`}>{s.name}</span>
            ))}
          </span>
        )}
      </figcaption>
      <ChartSvg
        id={id}
        title={title}
        summary={summary}
        labels={labels}
        xPct={xPct}
        max={max}
        format={format}
        blank={isEmpty(values)}
        empty={empty}
      >
        <svg
          x="0"
          y={PAD.top}
          width="100%"
          height={PLOT_H}
          viewBox={`0 0 ${VW} ${PLOT_H}`}
          preserveAspectRatio="none"
          overflow="visible"
        >
          {paths.map((d, i) => (
            <path
              key={series[i].name}
              class={`chart-line chart-series-${i}`}
              d={d}
              vector-effect="non-scaling-stroke"
            />
          ))}
        </svg>
        {dots.map((d) => (
          <circle key={d.key} class={`chart-dot chart-series-${d.n}`} cx={d.x} cy={d.y} r="4" />
        ))}
      </ChartSvg>
      <DataTable caption={title} labels={labels} series={series} format={format} />
    </figure>
  );
}
