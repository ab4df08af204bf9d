import { ChartSvg } from "./ChartSvg.tsx";
import { DataTable } from "./DataTable.tsx";
import { isEmpty, PAD, pct, PLOT_H, yOf } from "./frame.ts";
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
      <ChartSvg
        id={id}
        title={title}
        summary={summary}
        labels={labels}
        xPct={(i) => i * slot + slot / 2}
        max={max}
        format={format}
        blank={isEmpty(values)}
        empty={empty}
      >
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
      </ChartSvg>
      <DataTable caption={title} labels={labels} series={[{ name, values }]} format={format} />
    </figure>
  );
}
