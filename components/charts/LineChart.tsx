import { DataTable } from "./DataTable.tsx";
import { formatValue, niceMax, shortDay, type ValueFormat } from "./scale.ts";

/** Props of {@link LineChart}. */
export interface LineChartProps {
  /** Unique id prefix (for the title and description references). */
  id: string;
  title: string;
  /** X labels (days, `YYYY-MM-DD`). */
  labels: readonly string[];
  series: readonly { name: string; values: readonly (number | null)[] }[];
  format?: ValueFormat;
}

const W = 600;
const H = 180;
const PAD = { top: 12, right: 12, bottom: 24, left: 52 };

/**
 * A line chart as inline SVG with an accessible title and summary, axis labels, and the data as a
 * table underneath. Gaps (null) break the line. Server-rendered; no script needed.
 */
export function LineChart({ id, title, labels, series, format = "count" }: LineChartProps) {
  const max = niceMax(series.flatMap((s) => s.values));
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const x = (i: number) =>
    PAD.left + (labels.length <= 1 ? innerW / 2 : (i * innerW) / (labels.length - 1));
  const y = (v: number) => PAD.top + innerH - (v / max) * innerH;
  const paths = series.map((s) => {
    let d = "";
    let pen = false;
    s.values.forEach((v, i) => {
      if (v === null || !Number.isFinite(v)) {
        pen = false;
        return;
      }
      d += `${pen ? "L" : "M"}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
      pen = true;
    });
    return d;
  });
  const last = series.map((s) => `${s.name}: ${formatValue(s.values.at(-1) ?? null, format)}`);
  const summary = `${labels.length} days from ${labels[0] ?? "–"} to ${labels.at(-1) ?? "–"}; ` +
    `latest ${last.join(", ")}; axis up to ${formatValue(max, format)}.`;
  const ticks = [0, 0.5, 1].map((f) => f * max);
  const every = Math.max(1, Math.ceil(labels.length / 6));
  return (
    <figure class="chart" data-chart={id}>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        class="chart-svg"
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{summary}</desc>
        {ticks.map((t) => (
          <g key={t} class="chart-grid">
            <line x1={PAD.left} x2={W - PAD.right} y1={y(t)} y2={y(t)} />
            <text x={PAD.left - 6} y={y(t) + 4} text-anchor="end">{formatValue(t, format)}</text>
          </g>
        ))}
        {labels.map((l, i) =>
          i % every === 0 || i === labels.length - 1
            ? (
              <text key={l} class="chart-axis" x={x(i)} y={H - 6} text-anchor="middle">
                {shortDay(l)}
              </text>
            )
            : null
        )}
        {paths.map((d, i) => (
          <path key={series[i].name} class={`chart-line chart-series-${i}`} d={d} />
        ))}
      </svg>
      <figcaption>
        {title}
        {series.length > 1 && (
          <span class="chart-legend">
            {series.map((s, i) => (
              <span key={s.name} class={`chart-key chart-series-${i}`}>{s.name}</span>
            ))}
          </span>
        )}
      </figcaption>
      <DataTable caption={title} labels={labels} series={series} format={format} />
    </figure>
  );
}
