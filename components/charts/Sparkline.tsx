import { formatValue, niceMax, type ValueFormat } from "./scale.ts";

/** Props of {@link Sparkline}. */
export interface SparklineProps {
  /** What the values are, e.g. "Visits, last 30 days". */
  title: string;
  values: readonly (number | null)[];
  format?: ValueFormat;
}

const W = 120;
const H = 28;

/** A word-sized trend line with an accessible title (first, last and highest value). */
export function Sparkline({ title, values, format = "count" }: SparklineProps) {
  const max = niceMax(values);
  const n = values.length;
  let d = "";
  let pen = false;
  values.forEach((v, i) => {
    if (v === null) {
      pen = false;
      return;
    }
    const x = n <= 1 ? W / 2 : (i * W) / (n - 1);
    const y = H - 2 - (v / max) * (H - 4);
    d += `${pen ? "L" : "M"}${x.toFixed(1)},${y.toFixed(1)}`;
    pen = true;
  });
  const known = values.filter((v): v is number => v !== null);
  const label = `${title}: from ${formatValue(known[0] ?? null, format)} to ${
    formatValue(known.at(-1) ?? null, format)
  }, highest ${formatValue(known.length ? Math.max(...known) : null, format)}`;
  return (
    <svg class="sparkline" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label}>
      <title>{label}</title>
      <path d={d} />
    </svg>
  );
}
