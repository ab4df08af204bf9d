/**
 * The PostgreSQL jobs backend: graphile-worker (LISTEN/NOTIFY pickup, retries with backoff,
 * a crontab whose ticks fire once across every worker, no backfill of missed ticks).
 *
 * Jobs are staged in KV inside the caller's atomic operation (a hand-off record next to the
 * write they belong to), then handed to graphile-worker right after the commit and by a relay
 * loop on every instance; so a job accepted while PostgreSQL is unreachable waits in KV and is
 * queued once PostgreSQL returns. A hand-off is claimed for a while before it is added (keyed
 * by its job id) and deleted after, so instances relaying at once do not add it twice.
 */
import type { Logger, Runner, Task } from "graphile-worker";
import { jobHandoffKey, prefixes } from "../../kv/keys.ts";
import type { Services } from "../services.ts";
import { logger } from "../telemetry/log.ts";
import { runSchedule } from "./kv_backend.ts";
import { pingJobs } from "./ping.ts";
import { jobHandler, type JobMessage, jobTypes } from "./registry.ts";
import { DEFAULT_BACKOFF, prepareJob, runJob } from "./run_job.ts";
import { schedules, scheduleTask } from "./schedules.ts";
import type { JobOptions, Jobs } from "./types.ts";

/** A staged job waiting in KV to be added to graphile-worker's queue. */
interface Handoff {
  message: JobMessage & { jobId: string };
  runAt: number;
  maxAttempts: number;
  undelivered?: Deno.KvKey[];
  stagedAt: number;
  claimedUntil?: number;
}

/** What graphile-worker stores as a job's payload. */
interface Envelope {
  message: JobMessage;
  undelivered?: Deno.KvKey[];
}

/** The payload graphile-worker's crontab gives a scheduled job. */
interface CronPayload {
  _cron?: { ts: string };
}

const CLAIM_MS = 30_000;
const RELAY_EVERY_MS = 1_000;
/** A hand-off younger than this is left to the request that staged it. */
const RELAY_GRACE_MS = 2_000;
const RESTART_MS = 2_000;

async function withTimeout(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<void>((r) => (timer = setTimeout(r, ms)));
  await Promise.race([promise, timeout]);
  clearTimeout(timer);
}

/** graphile-worker's schema: `graphile_worker`, or `<DATABASE_SCHEMA>_jobs` for isolation. */
export function jobsSchema(databaseSchema: string): string {
  return databaseSchema === "public" ? "graphile_worker" : `${databaseSchema.slice(0, 58)}_jobs`;
}

/** graphile-worker, loaded when the PostgreSQL backend starts (not on the KV backend). */
async function loadGraphile() {
  const graphile = await import("graphile-worker");
  const graphileLogger: Logger = new graphile.Logger(() => (level, message, meta) => {
    const to = level === "error" ? "error" : level === "warning" ? "warn" : "debug";
    logger[to](`graphile-worker: ${message}`, meta ?? {});
  });
  return { ...graphile, graphileLogger };
}

/**
 * Stages a job for the PostgreSQL backend in `op`: its pending marker and a hand-off record
 * that any instance's relay adds to graphile-worker once `op` has committed.
 */
export function stageHandoff(
  op: Deno.AtomicOperation,
  message: JobMessage,
  options: JobOptions = {},
): string {
  const full = prepareJob(op, message, options);
  const handoff: Handoff = {
    message: full,
    runAt: full.enqueuedAt,
    maxAttempts: (options.backoffSchedule ?? DEFAULT_BACKOFF).length + 1,
    ...(options.keysIfUndelivered ? { undelivered: options.keysIfUndelivered } : {}),
    stagedAt: Date.now(),
  };
  op.set(jobHandoffKey(full.jobId), handoff);
  return full.jobId;
}

/** Starts graphile-worker (retrying until PostgreSQL answers) and the hand-off relay. */
export function startPgJobs(services: Services, crons: boolean): Jobs {
  const { kv, settings } = services;
  const stopping = new AbortController();
  let runner: Runner | null = null;

  const task = (type: string): Task => async (payload, helpers) => {
    const { message, undelivered } = payload as Envelope;
    const handler = jobHandler(type);
    if (!handler) return logger.warn("job without handler", { type });
    try {
      await runJob(kv, message, () => handler(message, services), "graphile_worker");
    } catch (error) {
      if (helpers.job.attempts < helpers.job.max_attempts) throw error;
      // The last attempt failed: like KV queues, write the message where the enqueuer asked
      // (a dead-letter list) and drop the job, so failed jobs do not pile up in PostgreSQL.
      if (undelivered?.length) {
        const op = kv.atomic();
        for (const key of undelivered) op.set(key, message);
        await op.commit();
      }
    }
  };
  const taskList: Record<string, Task> = {};
  for (const type of jobTypes()) taskList[type] = task(type);
  for (const job of schedules) {
    taskList[scheduleTask(job.name)] = (payload) =>
      runSchedule(job, services, (payload as CronPayload)._cron?.ts ?? new Date().toISOString());
  }
  const cronItems = crons
    ? schedules.map((job) => ({
      task: scheduleTask(job.name),
      match: job.schedule,
      identifier: job.name,
      options: { backfillPeriod: 0, maxAttempts: 1 },
    }))
    : [];

  // The worker restarts whenever it stops on its own (PostgreSQL went away at a bad moment).
  const started = (async () => {
    const { run, parseCronItems, graphileLogger } = await loadGraphile();
    const parsedCronItems = parseCronItems(cronItems);
    while (!stopping.signal.aborted) {
      try {
        const current = await run({
          connectionString: settings.databaseUrl,
          schema: jobsSchema(settings.databaseSchema),
          concurrency: settings.agentConcurrency + 4,
          maxPoolSize: settings.agentConcurrency + 6,
          noHandleSignals: true,
          pollInterval: 2_000,
          taskList,
          parsedCronItems,
          logger: graphileLogger,
          // Batched completion reports a failed write to the pool (which then stops and is
          // restarted here); unbatched, graphile-worker 0.18 leaves that promise unhandled and a
          // database blip at the wrong moment would end the process.
          preset: { worker: { completeJobBatchDelay: 0, failJobBatchDelay: 0 } },
        });
        runner = current;
        current.events.on("pool:listen:notification", ({ message }) => {
          if (message.channel !== "worker:migrate") return;
          // graphile-worker's channels are database-wide: another schema's first migration
          // (a preview, a test) stops this pool and marks the process for exit code 57. The
          // pool is restarted below, against its own, current schema; the exit code is undone.
          queueMicrotask(() => {
            if (Deno.exitCode === 57) Deno.exitCode = 0;
          });
        });
        logger.info("jobs worker started", { backend: "postgres" });
        await current.promise;
      } catch (error) {
        logger.warn("jobs worker stopped; restarting", { error: (error as Error).message });
      }
      runner = null;
      if (!stopping.signal.aborted) await new Promise((r) => setTimeout(r, RESTART_MS));
    }
  })();
  const stopRunner = () => runner?.stop("shutdown") ?? Promise.resolve();

  const handOff = async (entry: Deno.KvEntry<Handoff>) => {
    const current = runner;
    if (!current) return;
    const h = entry.value;
    const claimed = { ...h, claimedUntil: Date.now() + CLAIM_MS };
    const claim = await kv.atomic().check(entry).set(entry.key, claimed).commit();
    if (!claim.ok) return;
    const envelope: Envelope = { message: h.message, undelivered: h.undelivered };
    try {
      await current.addJob(h.message.type, envelope, {
        runAt: new Date(h.runAt),
        maxAttempts: h.maxAttempts,
        jobKey: h.message.jobId,
        jobKeyMode: "preserve_run_at",
      });
    } catch (error) {
      await kv.atomic().check({ key: entry.key, versionstamp: claim.versionstamp })
        .set(entry.key, { ...h, claimedUntil: Date.now() }).commit();
      throw error;
    }
    await kv.delete(entry.key);
  };

  const relay = async () => {
    if (!runner) return;
    const now = Date.now();
    for await (const entry of kv.list<Handoff>({ prefix: prefixes.jobHandoffs })) {
      if ((entry.value.claimedUntil ?? entry.value.stagedAt + RELAY_GRACE_MS) > now) continue;
      await handOff(entry);
    }
  };
  let relaying: Promise<void> | null = null;
  const relayTimer = setInterval(() => {
    relaying ??= relay().catch((error) =>
      logger.warn("job hand-off paused", { error: (error as Error).message })
    ).finally(() => (relaying = null));
  }, RELAY_EVERY_MS);

  const flush = async (jobIds: string[]) => {
    for (const id of jobIds) {
      try {
        const entry = await kv.get<Handoff>(jobHandoffKey(id));
        if (entry.value) await handOff(entry as Deno.KvEntry<Handoff>);
      } catch (error) {
        logger.warn("job hand-off deferred", { jobId: id, error: (error as Error).message });
      }
    }
  };
  return {
    backend: "postgres",
    stage: stageHandoff,
    flush,
    async enqueue(message, options) {
      const op = kv.atomic();
      const jobId = stageHandoff(op, message, options);
      if (!(await op.commit()).ok) throw new Error(`enqueue of ${message.type} failed`);
      await flush([jobId]);
      return jobId;
    },
    check() {
      const current = runner;
      if (!current) return Promise.reject(new Error("jobs worker not connected to PostgreSQL"));
      return pingJobs(kv, (m) => current.addJob(m.type, { message: m }, { maxAttempts: 1 }), 1400);
    },
    async drain(timeoutMs) {
      stopping.abort();
      clearInterval(relayTimer);
      await relaying;
      await withTimeout(stopRunner().catch(() => {}), timeoutMs);
    },
    async stop() {
      stopping.abort();
      clearInterval(relayTimer);
      await withTimeout(started, 5_000);
    },
  };
}
