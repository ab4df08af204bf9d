/**
 * The embedded jobs backend: Deno KV queues (a local KV file or memory) and `Deno.cron`, whose
 * ticks take a lease in KV so processes sharing the KV file fire each tick once.
 */
import { scheduleTickKey } from "../../kv/keys.ts";
import type { Services } from "../services.ts";
import { logger } from "../telemetry/log.ts";
import { pingJobs } from "./ping.ts";
import { jobHandler, type JobMessage } from "./registry.ts";
import { prepareJob, runJob } from "./run_job.ts";
import { type Schedule, schedules } from "./schedules.ts";
import type { JobOptions, Jobs } from "./types.ts";

const TICK_LEASE_MS = 24 * 3600_000;

/**
 * Claims the tick of `schedule` due at `now` (its minute): true for exactly one caller per
 * tick across every process sharing the KV.
 */
export async function claimTick(kv: Deno.Kv, name: string, now = Date.now()): Promise<boolean> {
  const key = scheduleTickKey(name, Math.floor(now / 60_000) * 60_000);
  const res = await kv.atomic().check({ key, versionstamp: null })
    .set(key, now, { expireIn: TICK_LEASE_MS }).commit();
  return res.ok;
}

/**
 * Runs a schedule's handler for the tick due at `tick` (an ISO time) with logs; errors are
 * logged, never thrown.
 */
export async function runSchedule(job: Schedule, services: Services, tick: string): Promise<void> {
  const started = performance.now();
  try {
    await job.run(services);
    logger.info("cron done", { job: job.name, tick, durationMs: performance.now() - started });
  } catch (error) {
    logger.error("cron failed", { job: job.name, tick, error });
  }
}

/** Adds a job (and its pending marker) to `op` as a KV queue message; returns its id. */
export function stageEnqueue(
  op: Deno.AtomicOperation,
  message: JobMessage,
  options: JobOptions = {},
): string {
  const full = prepareJob(op, message, options);
  op.enqueue(full, options);
  return full.jobId;
}

/** Starts the KV queue listener and (with `crons`) the schedules; returns the backend. */
export function startKvJobs(services: Services, crons: boolean): Jobs {
  const { kv } = services;
  const inflight = new Set<Promise<void>>();
  const cronAbort = new AbortController();
  const listening = kv.listenQueue((raw: unknown) => {
    const message = raw as JobMessage;
    const handler = jobHandler(message?.type);
    if (!handler) {
      logger.warn("queue message without handler", { type: message?.type });
      return;
    }
    const job = runJob(kv, message, () => handler(message, services));
    inflight.add(job);
    return job.finally(() => inflight.delete(job));
  }).catch((error) => logger.error("queue listener stopped", { error }));
  if (crons) {
    for (const job of schedules) {
      Deno.cron(job.name, job.schedule, { signal: cronAbort.signal }, async () => {
        const now = Date.now();
        const tick = new Date(Math.floor(now / 60_000) * 60_000).toISOString();
        if (await claimTick(kv, job.name, now)) await runSchedule(job, services, tick);
      });
    }
  }
  const enqueue = async (message: JobMessage, options?: JobOptions) => {
    const op = kv.atomic();
    const jobId = stageEnqueue(op, message, options);
    if (!(await op.commit()).ok) throw new Error(`enqueue of ${message.type} failed`);
    return jobId;
  };
  return {
    backend: "kv",
    stage: stageEnqueue,
    flush: () => Promise.resolve(),
    enqueue,
    check: () => pingJobs(kv, (m) => enqueue(m), 1400),
    async drain(timeoutMs) {
      cronAbort.abort();
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<void>((r) => (timer = setTimeout(r, timeoutMs)));
      await Promise.race([Promise.allSettled([...inflight]), timeout]);
      clearTimeout(timer);
    },
    async stop() {
      await listening;
      await Promise.allSettled([...inflight]);
    },
  };
}
