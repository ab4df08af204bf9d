/**
 * The run worker (KV queue handler): claims an attempt, keeps a lease alive with heartbeats,
 * executes it under the run timeout and cancellation, then finishes the run, schedules a retry
 * with jittered backoff, or puts it on the dead-letter list after the last attempt. At most
 * `AGENT_CONCURRENCY` runs execute per instance; further messages wait in the queue.
 */
import { runDeadLetterKey } from "../../../kv/keys.ts";
import type { Services } from "../../services.ts";
import { logger } from "../../telemetry/log.ts";
import { estimateTokens } from "../tokens.ts";
import { backoffDelay } from "../providers/backoff.ts";
import { ProviderError } from "../providers/errors.ts";
import { emitRunEvent } from "./events.ts";
import { executeAttempt } from "./execute.ts";
import { finishRun, persistRun } from "./finish.ts";
import {
  acquireSlot,
  releaseSlot,
  trackLocalRun,
  trackLocalStart,
  untrackLocalRun,
} from "./local_runs.ts";
import { enqueueRun, type RunMessage } from "./queue.ts";
import { getRun, isTerminal, LEASE_MS, type RunRecord, updateRun } from "./record.ts";

/** Why a running attempt was aborted. */
export class RunAborted extends Error {
  constructor(readonly why: "cancelled" | "timeout" | "shutdown" | "lease_lost") {
    super(why);
    this.name = "RunAborted";
  }
}

/** A failed run on the dead-letter list. */
export interface DeadLetter {
  runId: string;
  agent: string;
  attempts: number;
  code: string;
  message: string;
  at: number;
}

/** The dead-letter list, newest first (for operators). */
export async function listDeadLetters(kv: Deno.Kv, limit = 100): Promise<DeadLetter[]> {
  const out: DeadLetter[] = [];
  for await (const e of kv.list<DeadLetter | RunMessage>({ prefix: ["run_dead_letters"] })) {
    const v = e.value as Partial<DeadLetter> & Partial<RunMessage>;
    out.push({
      runId: v.runId ?? String(e.key[1]),
      agent: v.agent ?? "unknown",
      attempts: v.attempts ?? v.attempt ?? 0,
      code: v.code ?? "undelivered",
      message: v.message ?? "The queue could not deliver this run.",
      at: v.at ?? 0,
    });
  }
  return out.sort((a, b) => b.at - a.at).slice(0, limit);
}

const DEFER_MS = 250;

/** How often a worker renews its lease and looks for a cancel request from another instance. */
export const HEARTBEAT_MS = 2_000;

/**
 * Handles one queue message for a run. With `here` (see {@link startRunHere}) a busy instance
 * leaves the run to its queued job instead of deferring the message.
 */
export async function handleRunMessage(
  message: RunMessage,
  services: Services,
  { here = false } = {},
): Promise<void> {
  const run = await getRun(services.kv, message.runId);
  if (!run) return;
  if (isTerminal(run.status)) return await persistRun(services, run);
  if (run.cancelRequested) {
    await finishRun(services, run.id, { status: "cancelled", output: "", usage: run.usage });
    return;
  }
  if (!acquireSlot(services, services.settings.agentConcurrency)) {
    if (here) return;
    await enqueueRun(services, message, DEFER_MS + Math.round(Math.random() * DEFER_MS));
    return;
  }
  try {
    const claimed = await updateRun(
      services.kv,
      run.id,
      (r) =>
        r.status === "queued" && r.attempt === message.attempt - 1
          ? {
            ...r,
            status: "running",
            attempt: message.attempt,
            startedAt: r.startedAt ?? Date.now(),
            worker: services.instanceId,
            leaseUntil: Date.now() + LEASE_MS,
          }
          : null,
    );
    if (claimed) await runClaimed(services, claimed);
  } finally {
    releaseSlot(services);
  }
}

/**
 * Starts a new run's first attempt on this instance at once, without waiting for the jobs
 * backend to deliver its job (time to first token). The job stays queued as the recovery: when
 * it arrives it finds the run claimed and does nothing, and if this process dies mid-run the
 * lease expires and the sweeper gives the run its next attempt, as for any worker.
 */
export function startRunHere(message: RunMessage, services: Services): void {
  trackLocalStart(
    handleRunMessage(message, services, { here: true }).catch((error) =>
      logger.warn("run could not start here; its job will", { runId: message.runId, error })
    ),
  );
}

async function runClaimed(services: Services, run: RunRecord) {
  const controller = trackLocalRun(run.id);
  const { signal } = controller;
  const timeout = setTimeout(
    () => controller.abort(new RunAborted("timeout")),
    services.settings.agentRunTimeoutMs,
  );
  const onShutdown = () => controller.abort(new RunAborted("shutdown"));
  services.shutdown.addEventListener("abort", onShutdown, { once: true });
  const heartbeat = setInterval(() => beat(services, run.id, controller), HEARTBEAT_MS);
  const progress = { text: "" };
  try {
    const { stop, ...result } = await executeAttempt(services, run, signal, progress);
    await finishRun(
      services,
      run.id,
      stop ? { status: "failed", ...result, ...stop } : { status: "succeeded", ...result },
      run.attempt,
    );
  } catch (error) {
    await onFailure(services, run, signal.aborted ? signal.reason : error, progress.text);
  } finally {
    clearTimeout(timeout);
    clearInterval(heartbeat);
    services.shutdown.removeEventListener("abort", onShutdown);
    untrackLocalRun(run.id);
  }
}

/** Extends the lease, and aborts the attempt when someone asked to cancel the run. */
async function beat(services: Services, runId: string, controller: AbortController) {
  try {
    const run = await updateRun(
      services.kv,
      runId,
      (r) =>
        r.status === "running" && r.worker === services.instanceId
          ? { ...r, leaseUntil: Date.now() + LEASE_MS }
          : null,
    );
    if (run?.cancelRequested) controller.abort(new RunAborted("cancelled"));
    if (!run) {
      const now = await getRun(services.kv, runId);
      const cancelled = now?.cancelRequested && now.worker === services.instanceId;
      controller.abort(new RunAborted(cancelled ? "cancelled" : "lease_lost"));
    }
  } catch (error) {
    logger.warn("run heartbeat failed", { runId, error });
  }
}

async function onFailure(services: Services, run: RunRecord, error: unknown, output: string) {
  const usage = {
    tokensIn: output ? estimateTokens(JSON.stringify(run.input)) : 0,
    tokensOut: estimateTokens(output),
  };
  if (error instanceof RunAborted && error.why === "cancelled") {
    await finishRun(services, run.id, { status: "cancelled", output, usage }, run.attempt);
    return;
  }
  if (error instanceof RunAborted && error.why === "lease_lost") {
    logger.warn("run lease lost; another attempt owns it now", {
      runId: run.id,
      attempt: run.attempt,
    });
    return;
  }
  if (error instanceof RunAborted && error.why === "shutdown") {
    await updateRun(
      services.kv,
      run.id,
      (r) =>
        r.status === "running" && r.worker === services.instanceId
          ? {
            ...r,
            status: "queued",
            attempt: r.attempt - 1,
            worker: null,
            leaseUntil: null,
            dueAt: Date.now(),
          }
          : null,
    ).catch(() => null);
    await enqueueRun(services, {
      runId: run.id,
      attempt: run.attempt,
      traceparent: run.traceparent ?? undefined,
    })
      .catch(() => {});
    return;
  }
  const failure = describe(error, services.settings.agentRunTimeoutMs);
  if (!(failure.retryable)) {
    logger.warn("run failed", { runId: run.id, code: failure.code, error });
  }
  await retryOrFail(services, run.id, failure);
}

/** A failure's code, safe message and whether another attempt may succeed. */
export function describe(error: unknown, timeoutMs: number) {
  if (error instanceof ProviderError) {
    return {
      code: error.code,
      message: error.message,
      retryable: error.retryable,
      after: error.retryAfterMs,
    };
  }
  if (error instanceof RunAborted && error.why === "timeout") {
    return {
      code: "timeout",
      message: `The run took longer than ${timeoutMs / 1000} s.`,
      retryable: false,
    };
  }
  return { code: "internal_error", message: "The agent failed unexpectedly.", retryable: true };
}

/**
 * Schedules the next attempt (jittered exponential backoff) while attempts remain; otherwise
 * fails the run and, when it failed for a retryable reason, puts it on the dead-letter list.
 * `onlyIf` must hold for the run as read and when it is requeued (sweepers racing each other).
 */
export async function retryOrFail(
  services: Services,
  runId: string,
  failure: { code: string; message: string; retryable: boolean; after?: number },
  onlyIf: (run: RunRecord) => boolean = () => true,
): Promise<void> {
  const { agentMaxAttempts, agentRetryBaseMs } = services.settings;
  const run = await getRun(services.kv, runId);
  if (!run || isTerminal(run.status) || !onlyIf(run)) return;
  if (failure.retryable && run.attempt < agentMaxAttempts && !run.cancelRequested) {
    const delayMs = Math.max(failure.after ?? 0, backoffDelay(run.attempt, agentRetryBaseMs));
    const requeued = await updateRun(
      services.kv,
      runId,
      (r) =>
        r.attempt === run.attempt && !isTerminal(r.status) && onlyIf(r)
          ? { ...r, status: "queued", worker: null, leaseUntil: null, dueAt: Date.now() + delayMs }
          : null,
    );
    if (!requeued) return;
    await emitRunEvent(services, runId, "retrying", {
      attempt: run.attempt,
      code: failure.code,
      message: failure.message,
      delayMs,
    });
    await enqueueRun(services, {
      runId,
      attempt: run.attempt + 1,
      traceparent: run.traceparent ?? undefined,
    }, delayMs);
    logger.warn("run retrying", { runId, attempt: run.attempt, code: failure.code, delayMs });
    return;
  }
  if (failure.retryable) {
    const letter: DeadLetter = {
      runId,
      agent: run.agent,
      attempts: run.attempt,
      code: failure.code,
      message: failure.message,
      at: Date.now(),
    };
    await services.kv.set(runDeadLetterKey(runId), letter);
    logger.error("run dead-lettered", { runId, attempts: run.attempt, code: failure.code });
  }
  await finishRun(services, runId, {
    status: "failed",
    output: run.output ?? "",
    usage: run.usage,
    code: failure.code,
    message: failure.message,
  });
}
