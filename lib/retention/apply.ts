/**
 * Retention: removes what is past its age, per data class. Days come from the RETENTION_*
 * settings, overridden per workspace by `workspace_settings` (the dashboard's choice). Demo
 * events and run events are KV logs (`at` in each entry; their TTL usually got there first),
 * leads, support tickets (on the leads period), runs and unanswered docs questions (on the runs
 * period, from when last asked) are Postgres rows, and the audit trail leaves last, in whole months, through
 * `audit_log_purge` (which leaves a sealed checkpoint so the chain still verifies).
 */
import { prefixes } from "../../kv/keys.ts";
import { purgeAuditLog } from "../audit/append.ts";
import type { Services } from "../services.ts";
import { siteWorkspaceId } from "../tracking/feeds.ts";

const DAY_MS = 24 * 3600_000;

/** What one retention pass removed. */
export interface RetentionReport {
  demoEvents: number;
  runEvents: number;
  leads: number;
  /** Support tickets (kept as long as the workspace keeps leads). */
  tickets: number;
  runs: number;
  /** Unanswered docs questions not asked again within the runs period. */
  unansweredQuestions: number;
  auditRows: number;
  /** Audit rows before this instant (a UTC month start) were eligible. */
  auditBefore: string;
}

interface Overrides {
  tenant_id: string;
  retention_demo_events_days: number | null;
  retention_runs_days: number | null;
  retention_leads_days: number | null;
}

async function sweepLog(
  kv: Deno.Kv,
  prefix: Deno.KvKey,
  cutoffFor: (key: Deno.KvKey) => number,
): Promise<number> {
  let removed = 0;
  for await (const e of kv.list<{ at?: unknown }>({ prefix })) {
    const at = e.value && typeof e.value === "object" ? e.value.at : undefined;
    if (typeof at === "number" && at < cutoffFor(e.key)) {
      await kv.delete(e.key);
      removed++;
    }
  }
  return removed;
}

/** The first instant of the UTC month containing `t`. */
function monthStart(t: number): Date {
  const d = new Date(t);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
}

/** Applies retention as of `now`; the daily cron calls this. */
export async function applyRetention(
  services: Pick<Services, "kv" | "db" | "settings">,
  now = new Date(),
): Promise<RetentionReport> {
  const { kv, db, settings } = services;
  const days = settings.retentionDays;
  const t = now.getTime();
  const overrides = await db.query<Overrides>(
    `select tenant_id, retention_demo_events_days, retention_runs_days, retention_leads_days
     from workspace_settings`,
  );
  const demoDays = new Map(
    overrides.map((o) => [o.tenant_id, o.retention_demo_events_days ?? days.demoEvents]),
  );
  const site = await siteWorkspaceId(services).catch(() => null);

  const demoEvents = await sweepLog(kv, prefixes.demoEvents, () => t - days.demoEvents * DAY_MS) +
    await sweepLog(
      kv,
      prefixes.workspaceDemoEvents,
      (key) => t - (demoDays.get(String(key[1])) ?? days.demoEvents) * DAY_MS,
    );
  const runEvents = await sweepLog(kv, prefixes.runEvents, () => t - days.runEvents * DAY_MS);

  const perTenant = (column: string, fallback: number) =>
    `make_interval(days => coalesce((select ws.${column} from workspace_settings ws
       where ws.tenant_id = coalesce(x.tenant_id, $2::uuid)), ${fallback}))`;
  const [leads] = await db.query<{ n: number }>(
    `with gone as (delete from leads x where x.created_at < $1::timestamptz - ${
      perTenant("retention_leads_days", days.leads)
    } returning 1) select count(*)::int as n from gone`,
    [now, site],
  );
  const [tickets] = await db.query<{ n: number }>(
    `with gone as (delete from tickets x where x.created_at < $1::timestamptz - ${
      perTenant("retention_leads_days", days.leads)
    } returning 1) select count(*)::int as n from gone`,
    [now, site],
  );
  const [questions] = await db.query<{ n: number }>(
    `with gone as (delete from docs_unanswered x where x.last_asked_at < $1::timestamptz - ${
      perTenant("retention_runs_days", days.runs)
    } returning 1) select count(*)::int as n from gone`,
    [now, site],
  );
  const [runs] = await db.query<{ n: number }>(
    `with gone as (delete from agent_runs x where x.created_at < $1::timestamptz - ${
      perTenant("retention_runs_days", days.runs)
    } and x.status not in ('queued', 'running') returning 1)
     select count(*)::int as n from gone`,
    [now, site],
  );

  // The audit trail is kept at least as long as anything it describes.
  const longest = Math.max(
    days.audit,
    days.leads,
    days.runs,
    days.demoEvents,
    days.runEvents,
    ...overrides.flatMap((o) => [o.retention_runs_days ?? 0, o.retention_leads_days ?? 0]),
  );
  const auditBefore = monthStart(t - longest * DAY_MS);
  const auditRows = await purgeAuditLog(services, auditBefore);
  return {
    demoEvents,
    runEvents,
    leads: leads.n,
    tickets: tickets.n,
    runs: runs.n,
    unansweredQuestions: questions.n,
    auditRows,
    auditBefore: auditBefore.toISOString(),
  };
}
