/** A workspace's agent runs for the dashboard: filtered, cursor-paginated lists and one run. */
import { z } from "zod";
import type { Db } from "../db/types.ts";
import { type Cursor, decodeCursor, encodeCursor } from "./cursor.ts";
import { type DataScope, ownedBy } from "./scope.ts";

/** Run statuses (the `agent_runs.status` check). */
export const RUN_STATUSES = ["queued", "running", "succeeded", "failed", "cancelled"] as const;

/** The list filters, from the query string. */
export const runFiltersSchema = z.object({
  status: z.enum(RUN_STATUSES).optional().catch(undefined),
  agent: z.string().regex(/^[a-z0-9_-]{1,64}$/).optional().catch(undefined),
  cursor: z.string().max(300).optional(),
});

/** Validated list filters. */
export type RunFilters = z.infer<typeof runFiltersSchema>;

/** One run as the dashboard shows it. */
export interface RunSummary {
  id: string;
  agent: string;
  provider: string;
  model: string | null;
  status: string;
  error: string | null;
  tokensIn: number;
  tokensOut: number;
  costUsd: string;
  traceId: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  firstTokenAt: Date | null;
  attempts: number;
}

/** A run with its input and output. */
export interface RunDetail extends RunSummary {
  input: Record<string, unknown>;
  output: string | null;
}

const COLUMNS = `id, agent, provider, model, status, error, tokens_in, tokens_out,
  cost_usd::text as cost_usd, trace_id, created_at, started_at, finished_at, first_token_at,
  attempts`;

// deno-lint-ignore no-explicit-any
const toSummary = (r: any): RunSummary => ({
  id: r.id,
  agent: r.agent,
  provider: r.provider,
  model: r.model,
  status: r.status,
  error: r.error,
  tokensIn: Number(r.tokens_in),
  tokensOut: Number(r.tokens_out),
  costUsd: r.cost_usd,
  traceId: r.trace_id,
  createdAt: new Date(r.created_at),
  startedAt: r.started_at ? new Date(r.started_at) : null,
  finishedAt: r.finished_at ? new Date(r.finished_at) : null,
  firstTokenAt: r.first_token_at ? new Date(r.first_token_at) : null,
  attempts: Number(r.attempts ?? 0),
});

/** One page of runs, newest first, and the cursor of the next page (null at the end). */
export async function listRuns(
  db: Db,
  scope: DataScope,
  filters: RunFilters,
  pageSize = 25,
): Promise<{ runs: RunSummary[]; next: string | null }> {
  const cursor: Cursor | null = decodeCursor(filters.cursor);
  const params: unknown[] = [scope.tenantId, scope.site];
  const where = [ownedBy(1)];
  if (filters.status) where.push(`status = $${params.push(filters.status)}`);
  if (filters.agent) where.push(`agent = $${params.push(filters.agent)}`);
  if (cursor) {
    where.push(
      `(created_at, id) < ($${params.push(cursor.at)}::timestamptz, $${params.push(cursor.id)})`,
    );
  }
  const rows = await db.query(
    `select ${COLUMNS} from agent_runs where ${where.join(" and ")}
      order by created_at desc, id desc limit ${pageSize + 1}`,
    params,
  );
  const runs = rows.slice(0, pageSize).map(toSummary);
  const last = runs.at(-1);
  return {
    runs,
    next: rows.length > pageSize && last ? encodeCursor({ at: last.createdAt, id: last.id }) : null,
  };
}

/** The agents a workspace has runs of (for the filter). */
export async function runAgents(db: Db, scope: DataScope): Promise<string[]> {
  const rows = await db.query<{ agent: string }>(
    `select distinct agent from agent_runs where ${ownedBy(1)} order by agent`,
    [scope.tenantId, scope.site],
  );
  return rows.map((r) => r.agent);
}

/** One run of the workspace, or null (also when it belongs to another workspace). */
export async function getRun(db: Db, scope: DataScope, id: string): Promise<RunDetail | null> {
  if (id.length > 100) return null;
  const rows = await db.query(
    `select ${COLUMNS}, input, output from agent_runs where ${ownedBy(1)} and id = $3`,
    [scope.tenantId, scope.site, id],
  );
  const r = rows[0] as Record<string, unknown> | undefined;
  if (!r) return null;
  return {
    ...toSummary(r),
    input: (r.input ?? {}) as Record<string, unknown>,
    output: (r.output as string | null) ?? null,
  };
}
