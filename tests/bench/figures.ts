/**
 * The figures of issue 18 as lines: what was measured, its reference measured in the same run,
 * their ratio, the goal and whether it is met. `deno task bench` prints and saves them;
 * `deno task bench:check` compares their ratios with the committed ones (baseline.json).
 */

/** One figure. `met` is null when the figure was not measured in this run. */
export interface Figure {
  id: string;
  figure: string;
  value: number | null;
  unit: string;
  reference: string | null;
  referenceValue: number | null;
  /** value / referenceValue, when both were measured. */
  ratio: number | null;
  goal: string;
  met: boolean | null;
  /** True when a higher ratio is better (throughput); false for latency, memory, time. */
  higherIsBetter: boolean;
}

/** A goal: on the value or on the ratio, at least or at most a bound. */
export interface Goal {
  on: "value" | "ratio";
  op: ">=" | "<=";
  bound: number;
}

const r2 = (n: number) => Math.round(n * 100) / 100;
const num = (v: unknown): number | null =>
  typeof v === "number" && Number.isFinite(v) ? r2(v) : null;

/** Builds a figure line; a missing value leaves `met` null. */
export function figure(
  id: string,
  text: string,
  value: unknown,
  unit: string,
  reference: { name: string; value: unknown } | null,
  goal: Goal,
): Figure {
  const v = num(value);
  const rv = reference ? num(reference.value) : null;
  const ratio = v !== null && rv !== null && rv !== 0 ? r2(v / rv) : null;
  const subject = goal.on === "ratio" ? ratio : v;
  const met = subject === null
    ? null
    : goal.op === ">="
    ? subject >= goal.bound
    : subject <= goal.bound;
  const goalText = `${goal.on === "ratio" ? "ratio" : unit} ${goal.op} ${goal.bound}`;
  return {
    id,
    figure: text,
    value: v,
    unit,
    reference: reference?.name ?? null,
    referenceValue: rv,
    ratio,
    goal: goalText,
    met,
    higherIsBetter: unit === "req/s",
  };
}

/** The figures as a printable table. */
export function formatFigures(figures: Figure[]): string {
  const rows = figures.map((f) => [
    f.figure,
    f.value === null ? "not measured" : `${f.value} ${f.unit}`,
    f.reference ? `${f.referenceValue ?? "-"} (${f.reference})` : "-",
    f.ratio === null ? "-" : String(f.ratio),
    f.goal,
    f.met === null ? "-" : f.met ? "met" : "NOT MET",
  ]);
  const head = ["figure", "value", "reference (same run)", "ratio", "goal", ""];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i])).join("  ").trimEnd();
  return [line(head), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}
