/**
 * Creating a run: idempotency (`Idempotency-Key` -> `["idempotency", key]`), then one atomic
 * commit that stores the run record, its active-index entry and the idempotency entry and
 * enqueues the first attempt, so a run is never stored without its job or enqueued twice.
 */
import { activeRunKey, idempotencyKey, runDeadLetterKey, runKey } from "../../../kv/keys.ts";
import { HttpError } from "../../framework/mod.ts";
import type { Services } from "../../services.ts";
import { providerOf } from "../providers/select.ts";
import type { AgentDefinition } from "../types.ts";
import { newRunId } from "./access.ts";
import { REDELIVERY_MS, RUN_MESSAGE_TYPE, type RunMessage } from "./queue.ts";
import { RUN_TTL_MS, type RunOwner, type RunRecord } from "./record.ts";

/** How long an idempotency key keeps answering with the same run. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

/** What a client asked for. */
export interface NewRun {
  agent: AgentDefinition;
  /** The input as the client sent it (the idempotency fingerprint covers it). */
  requestInput: unknown;
  /** The prepared input the run stores and works on. */
  input: Record<string, unknown>;
  flags: string[];
  owner: RunOwner;
  traceparent: string | null;
  trackable: boolean;
  reservation: RunRecord["reservation"];
}

interface IdempotencyEntry {
  runId: string;
  fingerprint: string;
}

async function fingerprint(agent: string, input: unknown): Promise<string> {
  const bytes = new TextEncoder().encode(JSON.stringify([agent, input]));
  const hash = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(hash, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** The KV name of a client's idempotency key, scoped to its workspace or visitor. */
export function scopedIdempotencyKey(owner: RunOwner, key: string): Deno.KvKey {
  return idempotencyKey(`runs:${owner.tenantId ?? owner.visitorHash ?? "anonymous"}:${key}`);
}

/**
 * The run an idempotency key already started, or null. A key reused with a different agent or
 * input is a client bug: 422.
 */
export async function replayedRun(
  kv: Deno.Kv,
  owner: RunOwner,
  key: string,
  agent: string,
  input: unknown,
): Promise<string | null> {
  const entry = await kv.get<IdempotencyEntry>(scopedIdempotencyKey(owner, key));
  if (!entry.value) return null;
  if (entry.value.fingerprint !== await fingerprint(agent, input)) {
    throw new HttpError(
      422,
      "idempotency_key_reused",
      "This Idempotency-Key was already used for a different request.",
    );
  }
  return entry.value.runId;
}

/** Stores and enqueues a new run; with a key already taken, returns that key's run id. */
export async function createRun(
  services: Pick<Services, "kv" | "settings" | "jobs">,
  req: NewRun,
  key: string | null,
): Promise<{ runId: string; replayed: boolean }> {
  const { provider, model } = providerOf(services.settings);
  const run: RunRecord = {
    id: newRunId(),
    agent: req.agent.id,
    provider,
    model,
    input: req.input,
    flags: req.flags,
    owner: req.owner,
    status: "queued",
    dueAt: Date.now(),
    attempt: 0,
    createdAt: Date.now(),
    startedAt: null,
    firstTokenAt: null,
    finishedAt: null,
    worker: null,
    leaseUntil: null,
    cancelRequested: false,
    usage: { tokensIn: 0, tokensOut: 0 },
    costUsd: 0,
    output: null,
    error: null,
    traceparent: req.traceparent,
    reservation: req.reservation,
    trackable: req.trackable,
    persisted: false,
  };
  const message: RunMessage = {
    type: RUN_MESSAGE_TYPE,
    runId: run.id,
    attempt: 1,
    ...(req.traceparent ? { traceparent: req.traceparent } : {}),
  };
  const op = services.kv.atomic()
    .set(runKey(run.id), run, { expireIn: RUN_TTL_MS })
    .set(activeRunKey(run.id), run.status, { expireIn: RUN_TTL_MS });
  const jobId = services.jobs.stage(op, message, {
    backoffSchedule: REDELIVERY_MS,
    keysIfUndelivered: [runDeadLetterKey(run.id)],
  });
  if (key) {
    const idem = scopedIdempotencyKey(req.owner, key);
    const entry: IdempotencyEntry = {
      runId: run.id,
      fingerprint: await fingerprint(run.agent, req.requestInput),
    };
    op.check({ key: idem, versionstamp: null }).set(idem, entry, { expireIn: IDEMPOTENCY_TTL_MS });
  }
  if ((await op.commit()).ok) {
    await services.jobs.flush([jobId]);
    return { runId: run.id, replayed: false };
  }
  const existing = key
    ? await replayedRun(services.kv, req.owner, key, run.agent, req.requestInput)
    : null;
  if (!existing) throw new Error("could not store the run");
  return { runId: existing, replayed: true };
}
