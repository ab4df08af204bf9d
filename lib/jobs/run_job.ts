/**
 * The instrumented handling of one delivery, shared by both jobs backends: the handler joins
 * the enqueuing request's trace and logs with its ids, and a pending marker in KV (written when
 * the job was staged) feeds the queue depth and oldest-age metrics shared by every replica.
 */
import { queuePendingKey } from "../../kv/keys.ts";
import { logger, withLogContext } from "../telemetry/log.ts";
import { metrics } from "../telemetry/metrics.ts";
import { childContext, parseTraceparent } from "../telemetry/trace_context.ts";
import { contextFromTraceparent, SpanKind, traceFields, withSpan } from "../telemetry/tracing.ts";
import type { JobMessage } from "./registry.ts";
import type { JobOptions } from "./types.ts";

/** Deno KV's retry delays when an enqueue gives no `backoffSchedule`. */
export const DEFAULT_BACKOFF = [100, 1000, 5000, 30000, 60000];
const PENDING_TTL_MS = 7 * 24 * 3600_000;

interface Pending {
  type: string;
  enqueuedAt: number;
  attempts: number;
  maxAttempts: number;
}

/**
 * Adds the pending marker of a new job to `op` and returns the message to deliver: `message`
 * with the current trace fields, a job id and its due time.
 */
export function prepareJob(
  op: Deno.AtomicOperation,
  message: JobMessage,
  options: JobOptions = {},
): JobMessage & { jobId: string; enqueuedAt: number } {
  const jobId = crypto.randomUUID();
  const enqueuedAt = Date.now() + (options.delay ?? 0);
  const maxAttempts = (options.backoffSchedule ?? DEFAULT_BACKOFF).length + 1;
  const pending: Pending = { type: message.type, enqueuedAt, attempts: 0, maxAttempts };
  op.set(queuePendingKey(jobId), pending, { expireIn: PENDING_TTL_MS + (options.delay ?? 0) });
  return { ...traceFields(), ...message, jobId, enqueuedAt };
}

/**
 * Handles one delivery: a consumer span joined to the enqueuing request's trace, log lines
 * carrying its request and trace ids, job metrics, and the pending marker's bookkeeping.
 * Rethrows the handler's error so the backend retries.
 */
export async function runJob(
  kv: Deno.Kv,
  message: JobMessage,
  handle: () => Promise<void>,
  system = "deno_kv",
): Promise<void> {
  const jobId = typeof message.jobId === "string" ? message.jobId : undefined;
  const requestId = typeof message.requestId === "string" ? message.requestId : undefined;
  const parent = parseTraceparent(message.traceparent);
  const ids = childContext(parent);
  const started = performance.now();
  const marker = jobId ? await kv.get<Pending>(queuePendingKey(jobId)) : null;
  const pending = marker?.value ?? null;
  const retry = (pending?.attempts ?? 0) > 0;
  const delaySeconds = typeof message.enqueuedAt === "number"
    ? Math.max(0, (Date.now() - message.enqueuedAt) / 1000)
    : undefined;
  const fields = {
    requestId,
    traceId: ids.traceId,
    spanId: ids.spanId,
    jobId,
    jobType: message.type,
  };
  await withLogContext(fields, () =>
    withSpan(
      `queue ${message.type}`,
      {
        "messaging.system": system,
        "messaging.operation.type": "process",
        "messaging.destination.name": message.type,
        "messaging.message.id": jobId,
        "relay.request_id": requestId,
        "relay.job.retry": retry,
      },
      async () => {
        const seconds = () => (performance.now() - started) / 1000;
        try {
          await handle();
          if (marker) await kv.delete(marker.key);
          metrics.job({
            type: message.type,
            outcome: "ok",
            seconds: seconds(),
            delaySeconds,
            retry,
          });
          logger.info("queue job done", {
            durationMs: Math.round(seconds() * 100_000) / 100,
            retry,
          });
        } catch (error) {
          const attempts = (pending?.attempts ?? 0) + 1;
          const dead = pending !== null && attempts >= pending.maxAttempts;
          metrics.job({
            type: message.type,
            outcome: dead ? "dead" : "error",
            seconds: seconds(),
            delaySeconds,
            retry,
          });
          logger[dead ? "error" : "warn"]("queue job failed", { attempt: attempts, dead, error });
          if (marker && pending) {
            if (dead) await kv.delete(marker.key);
            else await kv.set(marker.key, { ...pending, attempts }, { expireIn: PENDING_TTL_MS });
          }
          throw error;
        }
      },
      { kind: SpanKind.CONSUMER, parent: contextFromTraceparent(message.traceparent) },
    ));
}
