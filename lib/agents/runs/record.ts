/** The hot record of a run in KV (`["runs", runId]`) and its atomic updates. */
import { activeRunKey, runKey } from "../../../kv/keys.ts";
import type { Reservation } from "../../security/quotas.ts";
import type { ProviderName, Usage } from "../types.ts";

/** Run states (the same as the `agent_runs.status` check). */
export type RunStatus = "queued" | "running" | "succeeded" | "failed" | "cancelled";

/** Who started a run: a workspace member, or an anonymous visitor (hash of their cookie id). */
export interface RunOwner {
  tenantId: string | null;
  userId: string | null;
  visitorHash: string | null;
}

/** A run as KV holds it while it is hot (24 hours); Postgres keeps it afterwards. */
export interface RunRecord {
  id: string;
  agent: string;
  provider: ProviderName;
  model: string;
  /** The input as the agent works on it (validated, uploads checked and read). */
  input: Record<string, unknown>;
  /** Prompt-injection markers found in the input (shown with the run; the text stays data). */
  flags: string[];
  owner: RunOwner;
  status: RunStatus;
  /** Attempts started so far. */
  attempt: number;
  createdAt: number;
  startedAt: number | null;
  firstTokenAt: number | null;
  finishedAt: number | null;
  /** The instance working on it and until when its lease holds. */
  worker: string | null;
  leaseUntil: number | null;
  /** While queued: when its attempt's job is due (a run long past it lost its job). */
  dueAt?: number | null;
  cancelRequested: boolean;
  usage: Usage;
  costUsd: number;
  output: string | null;
  error: { code: string; message: string } | null;
  traceparent: string | null;
  /** The quota held for this run (settled with the real usage when it ends). */
  reservation: Reservation | null;
  /** The anonymous visitor consented to analytics (the run may appear in the public feed). */
  trackable: boolean;
  /** True once the final state is written to Postgres. */
  persisted: boolean;
}

/** How long run records and their events stay in KV. */
export const RUN_TTL_MS = 24 * 60 * 60 * 1000;

/** Characters of output kept with a run (KV values are at most 64 KiB). */
export const MAX_OUTPUT_CHARS = 12_000;

/** `output` cut to {@link MAX_OUTPUT_CHARS}, marked when cut. */
export function capOutput(output: string): string {
  return output.length > MAX_OUTPUT_CHARS
    ? `${output.slice(0, MAX_OUTPUT_CHARS)}\n[… answer truncated]`
    : output;
}

/** How long a worker's lease lasts without a heartbeat. */
export const LEASE_MS = 10_000;

/** True for the states a run ends in. */
export function isTerminal(status: RunStatus): boolean {
  return status === "succeeded" || status === "failed" || status === "cancelled";
}

/** Reads a run. */
export async function getRun(kv: Deno.Kv, id: string): Promise<RunRecord | null> {
  return (await kv.get<RunRecord>(runKey(id))).value;
}

/**
 * Updates a run atomically: `change` returns the new record, or null to leave it. Also keeps
 * the active index (`["active_runs", id]`) until the run is terminal and persisted. Returns the
 * stored record, or null when the run is missing or `change` declined.
 */
export async function updateRun(
  kv: Deno.Kv,
  id: string,
  change: (run: RunRecord) => RunRecord | null,
): Promise<RunRecord | null> {
  for (let i = 0; i < 30; i++) {
    const entry = await kv.get<RunRecord>(runKey(id));
    if (!entry.value) return null;
    const next = change(structuredClone(entry.value));
    if (!next) return null;
    const op = kv.atomic().check(entry).set(runKey(id), next, { expireIn: RUN_TTL_MS });
    if (isTerminal(next.status) && next.persisted) op.delete(activeRunKey(id));
    else op.set(activeRunKey(id), next.status, { expireIn: RUN_TTL_MS });
    if ((await op.commit()).ok) return next;
  }
  throw new Error(`run ${id}: too much contention`);
}
