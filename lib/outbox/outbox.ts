/**
 * The KV outbox: writes that must not be lost (leads, audit events) are stored in KV first and
 * acknowledged; a job (and a scheduled sweep, for what the queue gave up on) moves each entry
 * into Postgres through its kind's sink, idempotently, and deletes it. While Postgres is down
 * entries wait in KV and land when it returns. An entry Postgres refuses for good (its data,
 * not the connection) is dead-lettered with the reason, so it never blocks the others.
 */
import { outboxKey, prefixes } from "../../kv/keys.ts";
import type { Services } from "../services.ts";
import { logger } from "../telemetry/log.ts";
import { metrics } from "../telemetry/metrics.ts";
import type { Jobs } from "../jobs/types.ts";
import { isConnectionError, isPermanentDbError } from "../db/errors.ts";
import { reasonOf, recordDeadLetter } from "./dead_letters.ts";
import { ulid } from "./ulid.ts";

/** One waiting write. */
export interface OutboxEntry<P = unknown> {
  id: string;
  kind: string;
  payload: P;
  createdAt: string;
}

/**
 * Moves one entry into Postgres. Must be idempotent (a unique key per entry): the same entry
 * may be applied twice when two instances drain at once. Returns work to run after the entry
 * has been removed from the outbox (e.g. enqueue notifications), or nothing.
 */
export type OutboxSink = (
  services: Services,
  entry: OutboxEntry,
) => Promise<void | ((services: Services) => Promise<void>)>;

const sinks = new Map<string, OutboxSink>();

/** Registers the sink of one entry kind. */
export function registerOutboxSink(kind: string, sink: OutboxSink) {
  if (sinks.has(kind)) throw new Error(`outbox sink ${kind} registered twice`);
  sinks.set(kind, sink);
}

/** Queue message type that drains one entry. */
export const OUTBOX_DRAIN = "outbox.drain";

/**
 * Adds a write to the outbox and the enqueue of its drain to `op` (commit it yourself, e.g.
 * together with an idempotency key). Once committed the write is durable even if Postgres is
 * down. Returns the entry id and the drain's job id (pass it to `jobs.flush` after the commit).
 */
export function outboxOp<P>(
  op: Deno.AtomicOperation,
  jobs: Jobs,
  kind: string,
  payload: P,
  id: string = ulid(),
): { id: string; jobId: string } {
  if (!sinks.has(kind)) throw new Error(`no outbox sink for ${kind}`);
  const entry: OutboxEntry<P> = { id, kind, payload, createdAt: new Date().toISOString() };
  op.set(outboxKey(id), entry);
  return { id, jobId: jobs.stage(op, { type: OUTBOX_DRAIN, id }) };
}

/** Stores a write in the outbox and enqueues its drain in one KV transaction (see outboxOp). */
export async function writeOutbox<P>(
  services: Pick<Services, "kv" | "jobs">,
  kind: string,
  payload: P,
): Promise<string> {
  const op = services.kv.atomic();
  const { id, jobId } = outboxOp(op, services.jobs, kind, payload);
  if (!(await op.commit()).ok) throw new Error("outbox write failed");
  await services.jobs.flush([jobId]);
  return id;
}

/**
 * Drains one entry; throws (so the queue retries) when its sink fails for a reason that may
 * pass, dead-letters it when Postgres refuses its data. False when it is gone or dead.
 */
export async function drainEntry(services: Services, id: string): Promise<boolean> {
  const found = await services.kv.get<OutboxEntry>(outboxKey(id));
  const entry = found.value;
  if (!entry) return false;
  const sink = sinks.get(entry.kind);
  if (!sink) throw new Error(`no outbox sink for ${entry.kind}`);
  let after: Awaited<ReturnType<OutboxSink>>;
  try {
    after = await sink(services, entry);
  } catch (error) {
    if (!isPermanentDbError(error)) {
      metrics.outboxDrained({ kind: entry.kind, outcome: "error" });
      throw error;
    }
    metrics.outboxDrained({ kind: entry.kind, outcome: "dead" });
    await recordDeadLetter(services, {
      source: `outbox:${entry.kind}`,
      id,
      reason: reasonOf(error),
      entry,
    });
    await services.kv.atomic().check(found).delete(outboxKey(id)).commit();
    return false;
  }
  metrics.outboxDrained({ kind: entry.kind, outcome: "ok" });
  await services.kv.atomic().check(found).delete(outboxKey(id)).commit();
  if (after) await after(services);
  return true;
}

/**
 * Drains every waiting entry, oldest first, past any entry that fails; stops only when the
 * database cannot be reached (every other entry would fail too). Reports how many landed and
 * how many remain. The cron sweep calls this.
 */
export async function drainOutbox(services: Services): Promise<{ drained: number; left: number }> {
  let drained = 0;
  const ids: string[] = [];
  for await (const item of services.kv.list<OutboxEntry>({ prefix: prefixes.outbox })) {
    ids.push(item.value.id);
  }
  for (const id of ids) {
    try {
      if (await drainEntry(services, id)) drained++;
    } catch (error) {
      if (isConnectionError(error)) {
        logger.warn("outbox drain paused", { entryId: id, error: (error as Error).message });
        break;
      }
      logger.warn("outbox entry failed; will retry", {
        entryId: id,
        error: (error as Error).message,
      });
    }
  }
  return { drained, left: await outboxDepth(services) };
}

/** How many writes wait in the outbox (shown by /readyz and the dashboard). */
export async function outboxDepth(services: Pick<Services, "kv">): Promise<number> {
  let depth = 0;
  for await (const _ of services.kv.list({ prefix: prefixes.outbox })) depth++;
  return depth;
}

/** Entries older than this mean the drain is stuck (Postgres down, or a failing sink). */
const STALE_MS = 5 * 60_000;

/** Readiness detail: the depth, failing (not required) when the oldest entry is stale. */
export async function outboxCheck(services: Pick<Services, "kv">): Promise<string> {
  let depth = 0;
  let oldest: string | undefined;
  for await (const e of services.kv.list<OutboxEntry>({ prefix: prefixes.outbox })) {
    depth++;
    oldest ??= e.value.createdAt;
  }
  const ageMs = oldest ? Date.now() - Date.parse(oldest) : 0;
  if (ageMs > STALE_MS) {
    throw new Error(`depth ${depth}, oldest waiting ${Math.round(ageMs / 60_000)} min`);
  }
  return `depth ${depth}`;
}
