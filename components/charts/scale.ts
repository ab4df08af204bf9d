/** Pure helpers shared by the SVG charts: value ranges, nice ticks and number formats. */

/** How a chart formats its values. */
export type ValueFormat = "count" | "ms" | "percent" | "tokens";

const WHOLE = new Intl.NumberFormat("en", { maximumFractionDigits: 0 });

/** `Math.round(v).toLocaleString("en")`, without the formatter for 0-999 (most values). */
function whole(v: number): string {
  const r = Math.round(v);
  return (r > 0 && r < 1000) || Object.is(r, 0) ? String(r) : WHOLE.format(r);
}

/** A value as people read it: "1,234", "850 ms", "12.5%", "1.2M". */
export function formatValue(v: number | null, format: ValueFormat = "count"): string {
  if (v === null || !Number.isFinite(v)) return "–";
  switch (format) {
    case "ms":
      return v >= 1000 ? `${(v / 1000).toFixed(1)} s` : `${Math.round(v)} ms`;
    case "percent":
      return `${(v * 100).toFixed(1)}%`;
    case "tokens":
      return v >= 1e6
        ? `${(v / 1e6).toFixed(1)}M`
        : v >= 1e4
        ? `${(v / 1e3).toFixed(1)}k`
        : whole(v);
    default:
      return whole(v);
  }
}

/** A "nice" upper bound for an axis (1, 2 or 5 times a power of ten), at least 1. */
export function niceMax(values: readonly (number | null)[]): number {
  const max = Math.max(0, ...values.filter((v): v is number => v !== null && Number.isFinite(v)));
  if (max <= 0) return 1;
  const pow = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 5, 10]) if (step * pow >= max) return step * pow;
  return 10 * pow;
}

/** `MM-DD` of a `YYYY-MM-DD` day label. */
export function shortDay(day: string): string {
  return day.length === 10 ? day.slice(5) : day;
}
