/** Queue handler and cron sweep that move outbox entries into Postgres. */
import { type Schedule, schedules } from "../lib/jobs/schedules.ts";
import { onJob } from "../lib/jobs/registry.ts";
import { logger } from "../lib/telemetry/log.ts";
import "../lib/audit/sink.ts";
import "../lib/leads/sink.ts";
import { drainEntry, drainOutbox, OUTBOX_DRAIN } from "../lib/outbox/outbox.ts";

/** Retry delay of an entry's drain after `attempt` failures: 1 s doubling up to a minute. */
const retryDelay = (attempt: number) => Math.min(1000 * 2 ** (attempt - 1), 60_000);

// A failed drain (Postgres down) is re-enqueued with a growing delay rather than thrown, so an
// entry keeps trying for as long as the outage lasts; the cron sweep is the floor beneath it.
onJob(OUTBOX_DRAIN, async (message, services) => {
  const id = String(message.id);
  const attempt = Number(message.attempt ?? 0) + 1;
  try {
    await drainEntry(services, id);
  } catch (error) {
    if (services.shutdown.aborted) return; // the entry stays in KV; any instance's sweep drains it
    if (attempt === 1) {
      logger.warn("outbox drain failed; retrying", {
        entryId: id,
        error: (error as Error).message,
      });
    }
    await services.jobs.enqueue({ type: OUTBOX_DRAIN, id, attempt }, {
      delay: retryDelay(attempt),
    });
  }
});

/** Every minute: drains whatever the queue gave up on or lost (the floor under the queue). */
export const outboxSweepJob: Schedule = {
  name: "outbox-sweep",
  schedule: "* * * * *",
  run: async (services) => {
    await drainOutbox(services);
  },
};

schedules.push(outboxSweepJob);
