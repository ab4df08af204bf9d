import type { ComponentChildren } from "preact";
import { CHART_H, dayTicks, yOf } from "./frame.ts";
import { formatValue, type ValueFormat } from "./scale.ts";

/** Props of {@link ChartSvg}. */
export interface ChartSvgProps {
  id: string;
  title: string;
  /** The accessible description: what the chart shows, in words. */
  summary: string;
  labels: readonly string[];
  /** Horizontal position (percent) of day `i`. */
  xPct: (i: number) => number;
  max: number;
  format: ValueFormat;
  /** True when there is nothing above zero: the `empty` sentence is shown instead. */
  blank: boolean;
  empty?: string;
  /** The plotted marks, drawn between the gridlines and the day labels. */
  children: ComponentChildren;
}

/**
 * The frame every dashboard chart shares: an empty-state sentence, or a full-width SVG with its
 * title and description, three gridlines with value labels, the marks, and the day labels.
 */
export function ChartSvg(
  { id, title, summary, labels, xPct, max, format, blank, empty, children }: ChartSvgProps,
) {
  if (blank) return <p class="chart-empty">{empty ?? "Nothing recorded in these days yet."}</p>;
  return (
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
      {children}
      {dayTicks(labels, xPct).map((t) => (
        <text key={t.key} class="chart-axis" x={t.x} y={CHART_H - 6} text-anchor={t.anchor}>
          {t.text}
        </text>
      ))}
    </svg>
  );
}
