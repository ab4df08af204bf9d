/**
 * `deno task bench:check`: the CI regression check of issue 18. Runs the quick bench (page
 * figures against their references in the same run, see run.ts) and fails when a ratio has
 * dropped by more than a quarter against the committed figures in tests/bench/baseline.json.
 * Ratios only: they hold across machines, absolute req/s do not. A failing figure is measured
 * once more before the check fails, so one noisy round on a shared machine does not.
 * `--update` writes the measured ratios as the new baseline (commit it with the change that
 * moved them). Needs `wrk` (the fetch fallback measures itself, not the server).
 */
import type { Figure } from "./figures.ts";
import { findWrk } from "./http_load.ts";

/** A ratio may drop to this share of its committed value before the check fails. */
export const TOLERANCE = 0.75;

/** The committed figures. */
export interface Baseline {
  at: string;
  note: string;
  ratios: Record<string, { figure: string; ratio: number; higherIsBetter: boolean }>;
}

/** The figures of `current` whose ratio fell by more than a quarter of `baseline`'s. */
export function regressions(baseline: Baseline, current: Figure[]): string[] {
  const byId = new Map(current.map((f) => [f.id, f]));
  const out: string[] = [];
  for (const [id, base] of Object.entries(baseline.ratios)) {
    const now = byId.get(id)?.ratio ?? null;
    if (now === null) {
      out.push(`${base.figure}: not measured (committed ratio ${base.ratio})`);
      continue;
    }
    const worse = base.higherIsBetter ? now < base.ratio * TOLERANCE : now > base.ratio / TOLERANCE;
    if (worse) out.push(`${base.figure}: ratio ${now}, committed ${base.ratio}`);
  }
  return out;
}

const BASELINE = new URL("./baseline.json", import.meta.url);
const OUT = new URL("../.out/bench-check.json", import.meta.url).pathname;

async function quickBench(): Promise<Figure[]> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", new URL("./run.ts", import.meta.url).pathname],
    env: { BENCH_QUICK: "1", BENCH_OUT: OUT },
    stdout: "inherit",
    stderr: "inherit",
  }).output();
  if (!out.success) throw new Error("the quick bench failed");
  return JSON.parse(await Deno.readTextFile(OUT)).figures as Figure[];
}

if (import.meta.main) {
  if (!await findWrk()) {
    console.error(
      "bench:check needs wrk (apt-get install -y wrk); BENCH_TOOL=fetch is not comparable",
    );
    Deno.exit(2);
  }
  const figures = await quickBench();
  if (Deno.args.includes("--update")) {
    const ratios: Baseline["ratios"] = {};
    for (const f of figures) {
      if (f.ratio !== null) {
        ratios[f.id] = { figure: f.figure, ratio: f.ratio, higherIsBetter: f.higherIsBetter };
      }
    }
    const baseline: Baseline = {
      at: new Date().toISOString(),
      note: "Ratios of the quick bench (BENCH_QUICK=1) to references measured in the same run.",
      ratios,
    };
    await Deno.writeTextFile(BASELINE, JSON.stringify(baseline, null, 2) + "\n");
    console.log(`baseline written: ${BASELINE.pathname}`);
    Deno.exit(0);
  }
  const baseline = JSON.parse(await Deno.readTextFile(BASELINE)) as Baseline;
  let failed = regressions(baseline, figures);
  if (failed.length > 0) {
    console.error(`bench:check: measuring again after:\n  ${failed.join("\n  ")}`);
    failed = regressions(baseline, await quickBench());
  }
  if (failed.length > 0) {
    console.error(
      `bench:check FAILED: a ratio dropped by more than a quarter:\n  ${failed.join("\n  ")}`,
    );
    Deno.exit(1);
  }
  console.log(
    `bench:check passed (${Object.keys(baseline.ratios).length} ratios within a quarter)`,
  );
}
