import { assertEquals, assertStringIncludes } from "../support/assert.ts";
import { parsePrometheus } from "../support/prometheus.ts";
import { Registry } from "../../lib/telemetry/registry.ts";

Deno.test("the registry renders counters, histograms and callback gauges as Prometheus text", async () => {
  const r = new Registry();
  const c = r.counter("t_events_total", "Events with \\ and\nnewline in help.", ["kind"]);
  const h = r.histogram("t_latency_seconds", "Latency.", ["route"], [0.1, 1]);
  r.gauge("t_depth", "Depth.", ["type"], () => [{ labels: { type: "a" }, value: 3 }]);
  r.gauge("t_broken", "A failing source.", [], () => Promise.reject(new Error("down")));
  c.inc({ kind: 'quote " back \\ slash\nline' });
  c.inc({ kind: "plain" }, 2);
  c.inc({ kind: "plain" }, -5);
  for (const v of [0.05, 0.5, 5]) h.observe({ route: "/x" }, v);
  h.observe({ route: "/x" }, NaN);

  const text = await r.render();
  const parsed = parsePrometheus(text);
  assertEquals(parsed.types.get("t_events_total"), "counter");
  assertEquals(parsed.types.get("t_latency_seconds"), "histogram");
  assertEquals(parsed.value("t_events_total", { kind: "plain" }), 2, "negative increments ignored");
  assertEquals(parsed.value("t_events_total", { kind: 'quote " back \\ slash\nline' }), 1);
  assertStringIncludes(text, "# HELP t_events_total Events with \\\\ and\\nnewline in help.");
  const bucket = (le: string) =>
    parsed.samples.find((s) => s.name === "t_latency_seconds_bucket" && s.labels.le === le)?.value;
  assertEquals([bucket("0.1"), bucket("1"), bucket("+Inf")], [1, 2, 3], "buckets are cumulative");
  assertEquals(parsed.value("t_latency_seconds_count"), 3, "NaN is not observed");
  assertEquals(parsed.value("t_latency_seconds_sum"), 5.55);
  assertEquals(parsed.value("t_depth", { type: "a" }), 3);
  assertEquals(parsed.types.has("t_broken"), false, "a failing gauge is left out, not a 500");
});
