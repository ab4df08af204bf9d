/**
 * Usage against the plan for the Usage page: runs, tokens and cost per day over 30 days (the
 * `usage` table's daily rows), this month's totals, seats in use, and the plan's limits.
 */
import type { Db } from "../db/types.ts";
import { limitsFor, planById, type PlanLimits } from "../plans.ts";
import { lastDays, monthStart } from "./days.ts";

/** What the Usage page shows. */
export interface UsageData {
  plan: { id: string; name: string };
  limits: PlanLimits;
  days: string[];
  requests: number[];
  tokens: number[];
  costUsd: number[];
  today: { requests: number };
  month: { tokens: number; costUsd: number };
  seats: number;
}

/** Loads the usage of a workspace. */
export async function loadUsage(
  db: Db,
  workspace: { id: string; plan: string },
  now = Date.now(),
): Promise<UsageData> {
  const days = lastDays(30, now);
  const [rows, month, seats] = await Promise.all([
    db.query<{ day: string; requests: number; tokens: number; cost: number }>(
      `select to_char(day, 'YYYY-MM-DD') as day, requests::int as requests,
              (tokens_in + tokens_out)::float8 as tokens, cost_usd::float8 as cost
         from usage where tenant_id = $1 and day >= $2::date`,
      [workspace.id, days[0]],
    ),
    db.query<{ tokens: number; cost: number }>(
      `select coalesce(sum(tokens_in + tokens_out), 0)::float8 as tokens,
              coalesce(sum(cost_usd), 0)::float8 as cost
         from usage where tenant_id = $1 and day >= $2::date`,
      [workspace.id, monthStart(now).toISOString().slice(0, 10)],
    ),
    db.query<{ n: number }>("select count(*)::int as n from memberships where tenant_id = $1", [
      workspace.id,
    ]),
  ]);
  const byDay = new Map(rows.map((r) => [r.day, r]));
  const plan = planById(workspace.plan);
  return {
    plan: { id: workspace.plan, name: plan?.name ?? workspace.plan },
    limits: limitsFor(workspace.plan),
    days,
    requests: days.map((d) => Number(byDay.get(d)?.requests ?? 0)),
    tokens: days.map((d) => Number(byDay.get(d)?.tokens ?? 0)),
    costUsd: days.map((d) => Number(byDay.get(d)?.cost ?? 0)),
    today: { requests: Number(byDay.get(days.at(-1)!)?.requests ?? 0) },
    month: { tokens: Number(month[0]?.tokens ?? 0), costUsd: Number(month[0]?.cost ?? 0) },
    seats: Number(seats[0]?.n ?? 0),
  };
}
