/** Writes runs to Postgres: the `agent_runs` row and the workspace's daily `usage` row. */
import type { Db } from "../../db/mod.ts";
import { parseTraceparent } from "../../telemetry/trace_context.ts";
import type { RunRecord } from "./record.ts";

const ts = (ms: number | null) => ms === null ? null : new Date(ms);

/** Inserts or updates the run's row to match the record (idempotent). */
export async function upsertRunRow(db: Db, run: RunRecord): Promise<void> {
  await db.query(
    `insert into agent_runs (id, tenant_id, user_id, agent, provider, model, input, output, status,
       error, tokens_in, tokens_out, cost_usd, trace_id, created_at, started_at, finished_at,
       attempts, first_token_at, visitor_hash)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)
     on conflict (id) do update set model = excluded.model, output = excluded.output,
       status = excluded.status, error = excluded.error, tokens_in = excluded.tokens_in,
       tokens_out = excluded.tokens_out, cost_usd = excluded.cost_usd,
       started_at = excluded.started_at, finished_at = excluded.finished_at,
       attempts = excluded.attempts, first_token_at = excluded.first_token_at`,
    [
      run.id,
      run.owner.tenantId,
      run.owner.userId,
      run.agent,
      run.provider,
      run.model,
      run.input,
      run.output,
      run.status,
      run.error ? `${run.error.code}: ${run.error.message}` : null,
      run.usage.tokensIn,
      run.usage.tokensOut,
      run.costUsd,
      parseTraceparent(run.traceparent)?.traceId ?? null,
      ts(run.createdAt),
      ts(run.startedAt),
      ts(run.finishedAt),
      run.attempt,
      ts(run.firstTokenAt),
      run.owner.visitorHash,
    ],
  );
}

/** Adds a finished run's tokens and cost to its workspace's usage row for the day. */
export async function addUsageRow(db: Db, run: RunRecord): Promise<void> {
  if (!run.owner.tenantId) return;
  await db.query(
    `insert into usage (tenant_id, day, requests, tokens_in, tokens_out, cost_usd)
     values ($1, ($2::timestamptz at time zone 'UTC')::date, 1, $3, $4, $5)
     on conflict (tenant_id, day) do update set requests = usage.requests + 1,
       tokens_in = usage.tokens_in + excluded.tokens_in,
       tokens_out = usage.tokens_out + excluded.tokens_out,
       cost_usd = usage.cost_usd + excluded.cost_usd`,
    [
      run.owner.tenantId,
      new Date(run.finishedAt ?? Date.now()),
      run.usage.tokensIn,
      run.usage.tokensOut,
      run.costUsd,
    ],
  );
}

/** A run read back from Postgres (after its KV record expired). */
export interface RunRow {
  id: string;
  tenant_id: string | null;
  user_id: string | null;
  visitor_hash: string | null;
  agent: string;
  provider: string;
  model: string | null;
  input: Record<string, unknown>;
  output: string | null;
  status: string;
  error: string | null;
  tokens_in: number;
  tokens_out: number;
  cost_usd: string;
  attempts: number;
  created_at: Date;
  started_at: Date | null;
  first_token_at: Date | null;
  finished_at: Date | null;
}

/** Reads a run's row, or null. */
export async function readRunRow(db: Db, id: string): Promise<RunRow | null> {
  const rows = await db.query<RunRow>(
    `select id, tenant_id, user_id, visitor_hash, agent, provider, model, input, output, status,
       error, tokens_in, tokens_out, cost_usd, attempts, created_at, started_at, first_token_at,
       finished_at from agent_runs where id = $1`,
    [id],
  );
  return rows[0] ?? null;
}
