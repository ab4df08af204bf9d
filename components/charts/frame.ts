/**
 * The shared geometry of the SVG charts: a fixed pixel height and a width that follows the
 * container. Horizontal positions are percentages and the plotted lines live in a stretched
 * inner viewBox, so labels keep their real pixel size at any width (no scaled-down text).
 */
import { shortDay } from "./scale.ts";

/** Chart height in CSS pixels. */
export const CHART_H = 200;
/** Room above the plot (for the top gridline's label) and below it (for the day labels). */
export const PAD = { top: 20, bottom: 26 } as const;
/** The plot's height in pixels. */
export const PLOT_H = CHART_H - PAD.top - PAD.bottom;

/** The y pixel of a value on an axis from 0 to `max`. */
export function yOf(v: number, max: number): number {
  return PAD.top + PLOT_H - (v / max) * PLOT_H;
}

/** A percentage for an SVG attribute. */
export function pct(v: number): string {
  return `${Number(v.toFixed(3))}%`;
}

/** Which day labels to print (at most about six, always the first and the last). */
export function dayTicks(
  labels: readonly string[],
  xPct: (i: number) => number,
): { key: string; text: string; x: string; anchor: "start" | "middle" | "end" }[] {
  const every = Math.max(1, Math.ceil(labels.length / 6));
  return labels.flatMap((l, i) => {
    const last = i === labels.length - 1;
    if (!(i % every === 0 || last)) return [];
    if (!last && labels.length - 1 - i < every) return [];
    const anchor = i === 0 ? "start" : last ? "end" : "middle";
    return [{ key: l, text: shortDay(l), x: pct(xPct(i)), anchor }];
  });
}

/** True when a chart has nothing to show: no value above zero. */
export function isEmpty(values: readonly (number | null)[]): boolean {
  return !values.some((v) => v !== null && Number.isFinite(v) && v > 0);
}
