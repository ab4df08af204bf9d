/**
 * Enqueueing with trace context and depth tracking, and the instrumented handling of one
 * delivery. Use `enqueue` (or `enqueueOp` inside your own atomic operation) instead of
 * `kv.enqueue`: the message then carries the request's `traceparent` and `requestId` (its
 * handler joins the request's trace and logs with its ids) and a pending marker in KV feeds the
 * queue depth and oldest-age metrics, which are shared by every replica.
 */
import { queuePendingKey } from "../kv/keys.ts";
import { logger, withLogContext } from "../lib/telemetry/log.ts";
import { metrics } from "../lib/telemetry/metrics.ts";
import { childContext, parseTraceparent } from "../lib/telemetry/trace_context.ts";
import {
  contextFromTraceparent,
  SpanKind,
  traceFields,
  withSpan,
} from "../lib/telemetry/tracing.ts";
import type { QueueMessage } from "./registry.ts";

/** Deno KV's retry delays when an enqueue gives no `backoffSchedule`. */
const DEFAULT_BACKOFF = [100, 1000, 5000, 30000, 60000];
const PENDING_TTL_MS = 7 * 24 * 3600_000;

/** Options of `kv.enqueue`. */
export type EnqueueOptions = Parameters<Deno.Kv["enqueue"]>[1];

interface Pending {
  type: string;
  enqueuedAt: number;
  attempts: number;
  maxAttempts: number;
}

/**
 * Adds the enqueue of `message` (with trace fields, a job id and its enqueue time) and its
 * pending marker to `op`; commit it yourself. Returns the job id.
 */
export function enqueueOp(
  op: Deno.AtomicOperation,
  message: QueueMessage,
  options: EnqueueOptions = {},
): string {
  const jobId = crypto.randomUUID();
  const enqueuedAt = Date.now() + (options.delay ?? 0);
  const maxAttempts = (options.backoffSchedule ?? DEFAULT_BACKOFF).length + 1;
  const pending: Pending = { type: message.type, enqueuedAt, attempts: 0, maxAttempts };
  op.set(queuePendingKey(jobId), pending, { expireIn: PENDING_TTL_MS + (options.delay ?? 0) })
    .enqueue({ ...traceFields(), ...message, jobId, enqueuedAt }, options);
  return jobId;
}

/** Enqueues `message` (see {@link enqueueOp}); returns the job id. */
export async function enqueue(
  kv: Deno.Kv,
  message: QueueMessage,
  options: EnqueueOptions = {},
): Promise<string> {
  const op = kv.atomic();
  const jobId = enqueueOp(op, message, options);
  const res = await op.commit();
  if (!res.ok) throw new Error(`enqueue of ${message.type} failed`);
  return jobId;
}

/**
 * Handles one delivery: a consumer span joined to the enqueuing request's trace, log lines
 * carrying its request and trace ids, job metrics, and the pending marker's bookkeeping.
 * Rethrows the handler's error so KV redelivers.
 */
export async function runJob(
  kv: Deno.Kv,
  message: QueueMessage,
  handle: () => Promise<void>,
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
        "messaging.system": "deno_kv",
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
