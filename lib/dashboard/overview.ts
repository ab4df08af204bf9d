/**
 * The Overview figures of a workspace, today and per day over 30 days: visits (daily demo-event
 * counts in KV), demo runs, error rate, p95 run duration and tokens (SQL daily buckets over
 * `agent_runs`), leads (`leads`), conversion, and this month's tokens against the plan's quota.
 */
import { limitsFor } from "../plans.ts";
import type { Services } from "../services.ts";
import { readDemoCounts } from "../tracking/counters.ts";
import { dayStart, lastDays, monthStart } from "./days.ts";
import { type DataScope, ownedBy } from "./scope.ts";
import { countedLead } from "../leads/review.ts";

/** Figures of one period. */
export interface PeriodFigures {
  visits: number;
  runs: number;
  failedRuns: number;
  leads: number;
  /** Leads per visit (null without visits). */
  conversion: number | null;
  /** Failed runs per run (null without runs). */
  errorRate: number | null;
  /** 95th percentile of run duration, ms (null without finished runs). */
  p95Ms: number | null;
  tokens: number;
}

/** Everything the Overview shows (JSON: the live island refreshes it from the API). */
export interface OverviewData {
  days: string[];
  series: {
    visits: number[];
    runs: number[];
    leads: number[];
    errorRate: (number | null)[];
    p95Ms: (number | null)[];
    tokens: number[];
  };
  today: PeriodFigures;
  last30: PeriodFigures;
  month: { tokens: number; quota: number | null; plan: string };
  generatedAt: string;
}

interface RunDay {
  /** null on the row totalling every day. */
  day: string | null;
  runs: number;
  failed: number;
  tokens: number;
  p95_ms: number | null;
}

const rate = (part: number, whole: number) => whole > 0 ? part / whole : null;

/** What the Overview reads from SQL: per-day run and lead buckets and the month's tokens. */
interface SqlFigures {
  runRows: RunDay[];
  leadRows: { day: string; leads: number }[];
  /** p95 run duration over the 30 days. */
  p95All: number | null;
  monthTokens: number;
  /** When these were read. */
  at: number;
}

/** How long the Overview page reuses a workspace's SQL figures (its live island does not). */
export const OVERVIEW_CACHE_MS = 5_000;
const MAX_CACHED = 1_000;
const cache = new Map<string, { at: number; figures: Promise<SqlFigures> }>();

async function readSqlFigures(
  services: Pick<Services, "db">,
  workspaceId: string,
  scope: DataScope,
  days: string[],
  now: number,
): Promise<SqlFigures> {
  const from = dayStart(days[0]);
  const day = `to_char(created_at at time zone 'UTC', 'YYYY-MM-DD')`;
  const [runRows, leadRows, monthRows] = await Promise.all([
    services.db.query<RunDay>(
      `select ${day} as day,
              count(*)::int as runs,
              (count(*) filter (where status = 'failed'))::int as failed,
              coalesce(sum(tokens_in + tokens_out), 0)::float8 as tokens,
              percentile_cont(0.95) within group (
                order by extract(epoch from finished_at - started_at) * 1000
              ) filter (where finished_at is not null and started_at is not null) as p95_ms
         from agent_runs where ${ownedBy(1)} and created_at >= $3
        group by grouping sets ((${day}), ())`,
      [scope.tenantId, scope.site, from],
    ),
    services.db.query<{ day: string; leads: number }>(
      `select ${day} as day, count(*)::int as leads
         from leads where ${ownedBy(1)} and ${countedLead()} and created_at >= $3 group by 1`,
      [scope.tenantId, scope.site, from],
    ),
    services.db.query<{ tokens: number }>(
      `select coalesce(sum(tokens_in + tokens_out), 0)::float8 as tokens
         from usage where tenant_id = $1 and day >= $2::date`,
      [workspaceId, monthStart(now).toISOString().slice(0, 10)],
    ),
  ]);
  const total = runRows.find((r) => r.day === null);
  return {
    runRows: runRows.filter((r) => r.day !== null),
    leadRows,
    p95All: total?.p95_ms ?? null,
    monthTokens: Number(monthRows[0]?.tokens ?? 0),
    at: now,
  };
}

/**
 * The SQL figures, read afresh or, with `maxAgeMs`, reused when read at most that long ago
 * (concurrent page loads of one workspace then share one set of queries).
 */
function sqlFigures(
  services: Pick<Services, "db">,
  workspaceId: string,
  scope: DataScope,
  days: string[],
  now: number,
  maxAgeMs: number,
): Promise<SqlFigures> {
  if (maxAgeMs <= 0) return readSqlFigures(services, workspaceId, scope, days, now);
  const key = `${workspaceId}:${scope.tenantId}:${scope.site}:${days.at(-1)}`;
  const hit = cache.get(key);
  if (hit && now - hit.at <= maxAgeMs) return hit.figures;
  const figures = readSqlFigures(services, workspaceId, scope, days, now);
  cache.delete(key);
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
  cache.set(key, { at: now, figures });
  figures.catch(() => cache.get(key)?.figures === figures && cache.delete(key));
  return figures;
}

/**
 * Loads the Overview of a workspace. Visits (KV counters) are always current; the SQL figures
 * are read afresh unless `maxAgeMs` allows reusing ones read that recently (the page uses
 * {@link OVERVIEW_CACHE_MS}; `generatedAt` is when they were read).
 */
export async function loadOverview(
  services: Pick<Services, "db" | "kv">,
  workspace: { id: string; plan: string },
  scope: DataScope,
  now = Date.now(),
  { maxAgeMs = 0 }: { maxAgeMs?: number } = {},
): Promise<OverviewData> {
  const days = lastDays(30, now);
  const [sql, counts] = await Promise.all([
    sqlFigures(services, workspace.id, scope, days, now, maxAgeMs),
    readDemoCounts(services.kv, workspace.id, days[0], days.at(-1)!),
  ]);
  const { runRows, leadRows } = sql;
  const runs = new Map(runRows.map((r) => [r.day, r]));
  const leads = new Map(leadRows.map((r) => [r.day, Number(r.leads)]));
  const series: OverviewData["series"] = {
    visits: days.map((d) => counts.get(d)?.page_view ?? 0),
    runs: days.map((d) => Number(runs.get(d)?.runs ?? 0)),
    leads: days.map((d) => leads.get(d) ?? 0),
    errorRate: days.map((d) => {
      const r = runs.get(d);
      return r ? rate(Number(r.failed), Number(r.runs)) : null;
    }),
    p95Ms: days.map((d) => {
      const v = runs.get(d)?.p95_ms;
      return v === null || v === undefined ? null : Math.round(Number(v));
    }),
    tokens: days.map((d) => Number(runs.get(d)?.tokens ?? 0)),
  };
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const period = (slice: (xs: number[]) => number[], p95: number | null): PeriodFigures => {
    const visits = sum(slice(series.visits));
    const runCount = sum(slice(series.runs));
    const failed = sum(slice(days.map((d) => Number(runs.get(d)?.failed ?? 0))));
    const leadCount = sum(slice(series.leads));
    return {
      visits,
      runs: runCount,
      failedRuns: failed,
      leads: leadCount,
      conversion: rate(leadCount, visits),
      errorRate: rate(failed, runCount),
      p95Ms: p95 === null ? null : Math.round(Number(p95)),
      tokens: sum(slice(series.tokens)),
    };
  };
  return {
    days,
    series,
    today: period((xs) => xs.slice(-1), runs.get(days.at(-1)!)?.p95_ms ?? null),
    last30: period((xs) => xs, sql.p95All),
    month: {
      tokens: sql.monthTokens,
      quota: limitsFor(workspace.plan).tokensPerMonth,
      plan: workspace.plan,
    },
    generatedAt: new Date(sql.at).toISOString(),
  };
}
