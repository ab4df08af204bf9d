/** The JSON a client gets for a run (`GET /api/runs/:id`), from KV or from Postgres. */
import { providerLabel } from "../providers/select.ts";
import type { ProviderName } from "../types.ts";
import type { RunRow } from "./persist.ts";
import type { RunRecord } from "./record.ts";

/** A run as the API shows it. */
export interface RunView {
  id: string;
  agent: string;
  provider: string;
  providerLabel: string;
  model: string | null;
  status: string;
  input: Record<string, unknown>;
  /** Prompt-injection markers found in the input (empty for rows read from Postgres). */
  flags: string[];
  output: string | null;
  error: { code: string; message: string } | null;
  attempts: number;
  tokensIn: number;
  tokensOut: number;
  costUsd: number;
  createdAt: string;
  startedAt: string | null;
  firstTokenAt: string | null;
  finishedAt: string | null;
  streamUrl: string;
}

const iso = (v: number | Date | null) => v === null ? null : new Date(v).toISOString();

/** The stream URL of a run. */
export function streamUrlOf(runId: string): string {
  return `/api/runs/${runId}/stream`;
}

/** View of a hot (KV) run. */
export function viewOfRecord(r: RunRecord): RunView {
  return {
    id: r.id,
    agent: r.agent,
    provider: r.provider,
    providerLabel: providerLabel(r.provider),
    model: r.model,
    status: r.status,
    input: r.input,
    flags: r.flags,
    output: r.output,
    error: r.error,
    attempts: r.attempt,
    tokensIn: r.usage.tokensIn,
    tokensOut: r.usage.tokensOut,
    costUsd: r.costUsd,
    createdAt: iso(r.createdAt)!,
    startedAt: iso(r.startedAt),
    firstTokenAt: iso(r.firstTokenAt),
    finishedAt: iso(r.finishedAt),
    streamUrl: streamUrlOf(r.id),
  };
}

/** View of a run read from Postgres. */
export function viewOfRow(r: RunRow): RunView {
  const [code, ...rest] = (r.error ?? "").split(": ");
  return {
    id: r.id,
    agent: r.agent,
    provider: r.provider,
    providerLabel: providerLabel(r.provider as ProviderName),
    model: r.model,
    status: r.status,
    input: r.input,
    flags: [],
    output: r.output,
    error: r.error ? { code, message: rest.join(": ") } : null,
    attempts: r.attempts,
    tokensIn: r.tokens_in,
    tokensOut: r.tokens_out,
    costUsd: Number(r.cost_usd),
    createdAt: iso(r.created_at)!,
    startedAt: iso(r.started_at),
    firstTokenAt: iso(r.first_token_at),
    finishedAt: iso(r.finished_at),
    streamUrl: streamUrlOf(r.id),
  };
}
