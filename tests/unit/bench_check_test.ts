import { assertEquals } from "../support/assert.ts";
import { type Baseline, regressions } from "../bench/check.ts";
import { figure } from "../bench/figures.ts";

const baseline: Baseline = {
  at: "2026-12-03T00:00:00Z",
  note: "",
  ratios: {
    "home.cached": { figure: "Home, cached page", ratio: 0.8, higherIsBetter: true },
    "contact.perRequest": { figure: "/contact", ratio: 1.2, higherIsBetter: true },
  },
};
const ceiling = (v: number) => ({ name: "ceiling", value: v });
const goal = { on: "ratio" as const, op: ">=" as const, bound: 0.8 };

Deno.test("bench:check fails a ratio that dropped by more than a quarter, not one within it", () => {
  const ok = [
    figure("home.cached", "Home", 610, "req/s", ceiling(1000), goal),
    figure("contact.perRequest", "/contact", 1500, "req/s", ceiling(1000), goal),
  ];
  assertEquals(regressions(baseline, ok), []);
  const dropped = [
    figure("home.cached", "Home", 590, "req/s", ceiling(1000), goal),
    figure("contact.perRequest", "/contact", 2000, "req/s", ceiling(1000), goal),
  ];
  assertEquals(regressions(baseline, dropped), ["Home, cached page: ratio 0.59, committed 0.8"]);
});

Deno.test("bench:check fails a committed figure the run did not measure", () => {
  const missing = [figure("home.cached", "Home", null, "req/s", ceiling(1000), goal)];
  assertEquals(regressions(baseline, missing), [
    "Home, cached page: not measured (committed ratio 0.8)",
    "/contact: not measured (committed ratio 1.2)",
  ]);
});
