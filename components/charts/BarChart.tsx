import { DataTable } from "./DataTable.tsx";
import { formatValue, niceMax, shortDay, type ValueFormat } from "./scale.ts";

/** Props of {@link BarChart}. */
export interface BarChartProps {
  id: string;
  title: string;
  labels: readonly string[];
  values: readonly number[];
  /** Series name in the data table. */
  name: string;
  format?: ValueFormat;
  /** A horizontal limit line (e.g. a quota), with its label. */
  limit?: { value: number; label: string };
}

const W = 600;
const H = 180;
const PAD = { top: 12, right: 12, bottom: 24, left: 52 };

/** A bar chart as inline SVG with an accessible title and summary, and a data table. */
export function BarChart(
  { id, title, labels, values, name, format = "count", limit }: BarChartProps,
) {
  const max = niceMax([...values, limit?.value ?? 0]);
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const slot = innerW / Math.max(1, labels.length);
  const barW = Math.max(1, slot * 0.7);
  const y = (v: number) => PAD.top + innerH - (v / max) * innerH;
  const total = values.reduce((a, b) => a + b, 0);
  const summary = `${name} per day over ${labels.length} days, ${formatValue(total, format)} in ` +
    `total, latest ${formatValue(values.at(-1) ?? 0, format)}` +
    (limit ? `; ${limit.label} ${formatValue(limit.value, format)}.` : ".");
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
        {[0, 0.5, 1].map((f) => (
          <g key={f} class="chart-grid">
            <line x1={PAD.left} x2={W - PAD.right} y1={y(f * max)} y2={y(f * max)} />
            <text x={PAD.left - 6} y={y(f * max) + 4} text-anchor="end">
              {formatValue(f * max, format)}
            </text>
          </g>
        ))}
        {values.map((v, i) => (
          <rect
            key={labels[i]}
            class="chart-bar"
            x={PAD.left + i * slot + (slot - barW) / 2}
            y={y(v)}
            width={barW}
            height={Math.max(0, PAD.top + innerH - y(v))}
          />
        ))}
        {limit && (
          <line
            class="chart-limit"
            x1={PAD.left}
            x2={W - PAD.right}
            y1={y(limit.value)}
            y2={y(limit.value)}
          />
        )}
        {labels.map((l, i) =>
          i % every === 0 || i === labels.length - 1
            ? (
              <text
                key={l}
                class="chart-axis"
                x={PAD.left + i * slot + slot / 2}
                y={H - 6}
                text-anchor="middle"
              >
                {shortDay(l)}
              </text>
            )
            : null
        )}
      </svg>
      <figcaption>{title}</figcaption>
      <DataTable caption={title} labels={labels} series={[{ name, values }]} format={format} />
    </figure>
  );
}
