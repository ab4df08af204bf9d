/**
 * The app's jobs: one interface ({@link Jobs}) over two backends chosen by `JOBS_BACKEND`:
 * Deno KV queues (embedded, one process or processes sharing a KV file) or PostgreSQL through
 * graphile-worker (replicas, KV Connect, the new Deno Deploy).
 */
import type { Services } from "../services.ts";
import type { Settings } from "../config.ts";
import { stageEnqueue, startKvJobs } from "./kv_backend.ts";
import { stageHandoff, startPgJobs } from "./pg_backend.ts";
import "./ping.ts";
import type { Jobs } from "./types.ts";

export type { JobOptions, Jobs, JobsBackendName } from "./types.ts";
export { type JobHandler, type JobMessage, onJob } from "./registry.ts";
export { type Schedule, schedules } from "./schedules.ts";

/** Starts the backend the settings select; `crons` also fires the schedules. */
export function startJobs(services: Services, crons: boolean): Jobs {
  return services.settings.jobsBackend === "postgres"
    ? startPgJobs(services, crons)
    : startKvJobs(services, crons);
}

/**
 * Jobs that only enqueue, for a process that writes into a running app's KV (tools, tests):
 * KV queue messages, or hand-off records that a running instance's relay queues. It runs no
 * worker and no schedules.
 */
export function enqueueOnlyJobs(settings: Pick<Settings, "jobsBackend">, kv: Deno.Kv): Jobs {
  const stage = settings.jobsBackend === "postgres" ? stageHandoff : stageEnqueue;
  return {
    backend: settings.jobsBackend,
    stage,
    flush: () => Promise.resolve(),
    async enqueue(message, options) {
      const op = kv.atomic();
      const jobId = stage(op, message, options);
      if (!(await op.commit()).ok) throw new Error(`enqueue of ${message.type} failed`);
      return jobId;
    },
    check: () => Promise.reject(new Error("no worker in this process")),
    drain: () => Promise.resolve(),
    stop: () => Promise.resolve(),
  };
}
