/**
 * `deno task bench:jobs`: jobs per second through each jobs backend, in this process: N jobs
 * enqueued through `services.jobs.enqueue` (the app's own path: pending marker, and on
 * PostgreSQL the KV hand-off then graphile-worker) and handled by the ping handler, timed from
 * the first enqueue to the last one handled. PostgreSQL: DATABASE_URL (the task starts one when
 * it is unset).
 * Env: BENCH_JOBS (default 500). A figure, not pass/fail.
 */
import { jobPingKey } from "../../kv/keys.ts";
import { JOBS_PING } from "../../lib/jobs/ping.ts";
import { startTestApp } from "../support/app.ts";

const N = Number(Deno.env.get("BENCH_JOBS") ?? 500);
const backends = ["kv", "postgres"] as const;

for (const jobs of backends) {
  const app = await startTestApp({
    backend: jobs === "postgres" ? "postgres" : "pglite",
    env: { JOBS_BACKEND: jobs },
  });
  try {
    while (!(await app.services.jobs.check().then(() => true, () => false))) {
      await new Promise((r) => setTimeout(r, 100));
    }
    const nonces = Array.from({ length: N }, (_, i) => `bench-${jobs}-${i}-${crypto.randomUUID()}`);
    const started = performance.now();
    for (let i = 0; i < N; i += 50) {
      await Promise.all(
        nonces.slice(i, i + 50).map((nonce) =>
          app.services.jobs.enqueue({ type: JOBS_PING, nonce })
        ),
      );
    }
    const enqueued = performance.now() - started;
    let left = nonces;
    while (left.length > 0) {
      const found = await app.services.kv.getMany(left.slice(0, 10).map(jobPingKey));
      const done = new Set(found.filter((e) => e.value !== null).map((e) => String(e.key[1])));
      left = left.filter((n) => !done.has(n));
      if (done.size === 0) await new Promise((r) => setTimeout(r, 10));
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `${jobs}: ${N} jobs in ${seconds.toFixed(2)} s = ${(N / seconds).toFixed(0)} jobs/s ` +
        `(enqueue took ${(enqueued / 1000).toFixed(2)} s)`,
    );
  } finally {
    await app.stop();
  }
}
Deno.exit(0);
