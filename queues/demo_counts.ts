/** The daily sweep of old demo-event counts (KV sums cannot carry a TTL). */
import { sweepDemoCounts } from "../lib/tracking/counters.ts";
import { schedules } from "../lib/jobs/schedules.ts";

schedules.push({
  name: "demo_counts_sweep",
  schedule: "17 3 * * *",
  run: async (services) => void await sweepDemoCounts(services.kv),
});
