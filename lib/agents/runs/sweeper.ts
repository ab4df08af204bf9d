/**
 * The run sweeper (a cron, every minute): nothing stays queued or running forever. For each
 * run in the active index it retries (or fails, after the last attempt) runs whose worker's
 * lease expired because the process died, fails runs whose queue message was dead-lettered,
 * and persists finished runs that Postgres missed. A finished run Postgres refuses for good
 * (its data, not the connection) is dead-lettered with the reason and swept no more. Every
 * instance also reclaims expired leases every few seconds ({@link watchRunLeases}).
 */
import { prefixes, runDeadLetterKey } from "../../../kv/keys.ts";
import type { Services } from "../../services.ts";
import { isPermanentDbError } from "../../db/errors.ts";
import { reasonOf, recordDeadLetter } from "../../outbox/dead_letters.ts";
import { logger } from "../../telemetry/log.ts";
import { finishRun, persistRun } from "./finish.ts";
import { enqueueRun } from "./queue.ts";
import { getRun, isTerminal, LEASE_MS, type RunRecord, updateRun } from "./record.ts";
import { retryOrFail } from "./worker.ts";

/** What one sweep did. */
export interface SweepReport {
  retried: number;
  failed: number;
  persisted: number;
  deadLettered: number;
}

/** Gives a run whose worker's lease expired its next attempt (or fails it after the last). */
function reclaimRun(services: Services, run: RunRecord, now: number): Promise<void> {
  return retryOrFail(services, run.id, {
    code: "worker_lost",
    message: "The worker running this agent stopped responding.",
    retryable: true,
  }, (r) => r.status === "running" && r.attempt === run.attempt && (r.leaseUntil ?? 0) < now);
}

/** A queued run this long past its job's due time lost the job (a worker died holding it). */
export const LOST_JOB_MS = 3 * LEASE_MS;

/**
 * Enqueues the attempt of a queued run again when its job is lost: a job backend that was
 * handing the job to a worker that died (graphile-worker keeps such a job locked for hours).
 * A duplicate is harmless: only one delivery can claim the attempt.
 */
async function requeueLost(services: Services, run: RunRecord, now: number): Promise<boolean> {
  const due = run.dueAt ?? run.createdAt;
  const bumped = await updateRun(
    services.kv,
    run.id,
    (r) =>
      r.status === "queued" && r.attempt === run.attempt && (r.dueAt ?? r.createdAt) === due
        ? { ...r, dueAt: now }
        : null,
  );
  if (!bumped) return false;
  logger.warn("run job lost; enqueued again", { runId: run.id, attempt: run.attempt + 1 });
  await enqueueRun(services, {
    runId: run.id,
    attempt: run.attempt + 1,
    traceparent: run.traceparent ?? undefined,
  });
  return true;
}

/**
 * Reclaims the runs whose lease expired (the worker died) and the queued runs whose job was
 * lost; cheap enough to run every few seconds on every instance, so a killed instance's runs
 * move on within about a lease. Returns how many were reclaimed.
 */
export async function reclaimExpiredRuns(services: Services, now = Date.now()): Promise<number> {
  let reclaimed = 0;
  for await (const entry of services.kv.list<string>({ prefix: prefixes.activeRuns })) {
    if (entry.value !== "running" && entry.value !== "queued") continue;
    const run = await getRun(services.kv, String(entry.key[1]));
    if (!run) continue;
    try {
      if (run.status === "queued" && (run.dueAt ?? run.createdAt) + LOST_JOB_MS < now) {
        if (await requeueLost(services, run, now)) reclaimed++;
      } else if (
        run.status === "running" && (run.leaseUntil ?? 0) < now && !run.cancelRequested
      ) {
        await reclaimRun(services, run, now);
        reclaimed++;
      }
    } catch (error) {
      logger.warn("run reclaim failed", { runId: run.id, error });
    }
  }
  return reclaimed;
}

/**
 * Runs {@link reclaimExpiredRuns} every half lease on this instance until `signal` aborts (the
 * minute sweeper stays the floor for everything else).
 */
export function watchRunLeases(services: Services, signal: AbortSignal): void {
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    reclaimExpiredRuns(services).catch((error) => logger.warn("run lease watch failed", { error }))
      .finally(() => (busy = false));
  }, LEASE_MS / 2);
  signal.addEventListener("abort", () => clearInterval(timer), { once: true });
}

/** Sweeps the active runs once; exported for the cron and for tests. */
export async function sweepRuns(services: Services, now = Date.now()): Promise<SweepReport> {
  const report: SweepReport = { retried: 0, failed: 0, persisted: 0, deadLettered: 0 };
  for await (const entry of services.kv.list({ prefix: prefixes.activeRuns })) {
    const runId = String(entry.key[1]);
    try {
      const run = await getRun(services.kv, runId);
      if (!run) {
        await services.kv.delete(entry.key);
      } else if (isTerminal(run.status)) {
        await persistRun(services, run);
        report.persisted++;
      } else if ((await services.kv.get(runDeadLetterKey(runId))).value) {
        await finishRun(services, runId, {
          status: "failed",
          output: run.output ?? "",
          usage: run.usage,
          code: "undelivered",
          message: "The run could not be delivered to a worker.",
        });
        report.failed++;
      } else if (run.status === "running" && (run.leaseUntil ?? 0) < now && run.cancelRequested) {
        await finishRun(services, runId, { status: "cancelled", output: "", usage: run.usage });
      } else if (run.status === "running" && (run.leaseUntil ?? 0) < now) {
        const last = run.attempt >= services.settings.agentMaxAttempts;
        await reclaimRun(services, run, now);
        last ? report.failed++ : report.retried++;
      }
    } catch (error) {
      if (isPermanentDbError(error)) {
        await recordDeadLetter(services, { source: "run", id: runId, reason: reasonOf(error) });
        await services.kv.delete(entry.key);
        report.deadLettered++;
      } else {
        logger.warn("run sweep failed", { runId, error });
      }
    }
  }
  return report;
}
