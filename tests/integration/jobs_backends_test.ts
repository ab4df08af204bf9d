/**
 * The jobs interface on both backends (KV queues; PostgreSQL through graphile-worker on the
 * test run's server): retries then the dead-letter keys of a job that keeps failing, a delay
 * honoured, and the readiness round trip naming the backend.
 */
import { onJob } from "../../lib/jobs/registry.ts";
import { assert, assertEquals } from "../support/assert.ts";
import { startTestApp } from "../support/app.ts";
import { eventually } from "../support/leads.ts";

const attempts = new Map<string, number>();
const handledAt = new Map<string, number>();

onJob("test.always_fails", (message) => {
  const id = String(message.id);
  attempts.set(id, (attempts.get(id) ?? 0) + 1);
  return Promise.reject(new Error("the downstream service is down"));
});
onJob("test.delayed", (message) => {
  handledAt.set(String(message.id), Date.now());
  return Promise.resolve();
});

for (const jobs of ["kv", "postgres"] as const) {
  Deno.test({
    name: `jobs: retries, dead letters, delays and the readiness ping [${jobs} jobs]`,
    sanitizeOps: false,
    sanitizeResources: false,
    async fn() {
      const app = await startTestApp({
        backend: jobs === "postgres" ? "postgres" : "pglite",
        env: { JOBS_BACKEND: jobs },
      });
      try {
        const ready = async () => (await (await app.fetch("/readyz")).json()).checks.queue;
        await eventually(async () => (await ready()).ok, 15_000, "the jobs worker");
        assert(new RegExp(`^${jobs}, round trip \\d+ ms$`).test((await ready()).detail));

        const id = crypto.randomUUID();
        await app.services.jobs.enqueue({ type: "test.always_fails", id }, {
          backoffSchedule: [50],
          keysIfUndelivered: [["test_dead_letters", id]],
        });
        await eventually(
          async () => (await app.services.kv.get(["test_dead_letters", id])).value !== null,
          20_000,
          "the dead letter",
        );
        assertEquals(attempts.get(id), 2, "tried once, retried once");
        const letter = await app.services.kv.get<{ type: string; id: string }>([
          "test_dead_letters",
          id,
        ]);
        assertEquals([letter.value?.type, letter.value?.id], ["test.always_fails", id]);

        const later = crypto.randomUUID();
        const sent = Date.now();
        await app.services.jobs.enqueue({ type: "test.delayed", id: later }, { delay: 1500 });
        await eventually(() => Promise.resolve(handledAt.has(later)), 15_000, "the delayed job");
        assert(handledAt.get(later)! - sent >= 1400, "not handled before its delay");
      } finally {
        await app.stop();
      }
    },
  });
}
