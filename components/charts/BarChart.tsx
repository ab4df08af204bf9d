import { DataTable } from "./DataTable.tsx";
import { CHART_H, dayTicks, isEmpty, PAD, pct, PLOT_H, yOf } from "./frame.ts";
import { formatValue, niceMax, type ValueFormat } from "./scale.ts";

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
  /** What to say instead of empty bars when there is no value above zero. */
  empty?: string;
}

/**
 * A full-width bar chart as inline SVG with an accessible title and summary, readable axis
 * labels, each bar's value as its tooltip, and a data table. With no data it says so instead.
 */
export function BarChart(
  { id, title, labels, values, name, format = "count", limit, empty }: BarChartProps,
) {
  const max = niceMax([...values, limit?.value ?? 0]);
  const slot = 100 / Math.max(1, labels.length);
  const total = values.reduce((a, b) => a + b, 0);
  const summary = `${name} per day over ${labels.length} days, ${formatValue(total, format)} in ` +
    `total, latest ${formatValue(values.at(-1) ?? 0, format)}` +
    (limit ? `; ${limit.label} ${formatValue(limit.value, format)}.` : ".");
  return (
    <figure class="chart" data-chart={id}>
      <figcaption>
        <span class="chart-title">{title}</span>
      </figcaption>
      {isEmpty(values)
        ? <p class="chart-empty">{empty ?? "Nothing recorded in these days yet."}</p>
        : (
          <svg
            width="100%"
            height={CHART_H}
            role="img"
            aria-labelledby={`${id}-title ${id}-desc`}
            class="chart-svg"
          >
            <title id={`${id}-title`}>{title}</title>
            <desc id={`${id}-desc`}>{summary}</desc>
            {[0, 0.5, 1].map((f) => (
              <g key={f} class="chart-grid">
                <line x1="0" x2="100%" y1={yOf(f * max, max)} y2={yOf(f * max, max)} />
                <text x="0" y={yOf(f * max, max) - 5}>{formatValue(f * max, format)}</text>
              </g>
            ))}
            {values.map((v, i) => (
              <rect
                key={labels[i]}
                class="chart-bar"
                x={pct(i * slot + slot * 0.15)}
                y={yOf(v, max)}
                width={pct(slot * 0.7)}
                height={Math.max(0, PAD.top + PLOT_H - yOf(v, max))}
              >
                <title>{`${labels[i]}: ${formatValue(v, format)}`}</title>
              </rect>
            ))}
            {limit && (
              <line
                class="chart-limit"
                x1="0"
                x2="100%"
                y1={yOf(limit.value, max)}
                y2={yOf(limit.value, max)}
              />
            )}
            {dayTicks(labels, (i) => i * slot + slot / 2).map((t) => (
              <text key={t.key} class="chart-axis" x={t.x} y={CHART_H - 6} text-anchor={t.anchor}>
                {t.text}
              </text>
            ))}
          </svg>
        )}
      <DataTable caption={title} labels={labels} series={[{ name, values }]} format={format} />
    </figure>
  );
}
