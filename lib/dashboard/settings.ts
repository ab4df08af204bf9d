/**
 * Workspace settings on the Settings page: its name (`tenants.name`), how long its demo
 * events, runs and leads are kept (`workspace_settings`; null = the deployment's default),
 * bounded by the plan's retention, and the fit a lead needs to reach Slack and the CRM webhook.
 */
import type { Db } from "../db/types.ts";
import { forgetIdentities } from "../auth/identity_changes.ts";
import { limitsFor } from "../plans.ts";

/** The data classes whose retention a workspace chooses. */
export const RETENTION_CLASSES = ["demoEvents", "runs", "leads"] as const;

/** One of {@link RETENTION_CLASSES}. */
export type RetentionClass = typeof RETENTION_CLASSES[number];

/** Days kept per class (null: the deployment default). */
export type RetentionChoice = Record<RetentionClass, number | null>;

/** The durations offered, in days. */
export const RETENTION_OPTIONS = [7, 14, 30, 90, 180, 365, 730] as const;

const COLUMN: Record<RetentionClass, string> = {
  demoEvents: "retention_demo_events_days",
  runs: "retention_runs_days",
  leads: "retention_leads_days",
};

/** The options a plan allows (all for plans without a retention limit). */
export function retentionOptionsFor(plan: string): number[] {
  const max = limitsFor(plan).retentionDays;
  return RETENTION_OPTIONS.filter((d) => max === null || d <= max);
}

/** The workspace's retention choices. */
export async function readRetention(db: Db, tenantId: string): Promise<RetentionChoice> {
  const rows = await db.query<Record<string, number | null>>(
    `select ${Object.values(COLUMN).join(", ")} from workspace_settings where tenant_id = $1`,
    [tenantId],
  );
  const r = rows[0] ?? {};
  return {
    demoEvents: r[COLUMN.demoEvents] ?? null,
    runs: r[COLUMN.runs] ?? null,
    leads: r[COLUMN.leads] ?? null,
  };
}

/** Stores retention choices; returns the previous ones. */
export async function writeRetention(
  db: Db,
  tenantId: string,
  next: RetentionChoice,
): Promise<RetentionChoice> {
  return await db.transaction(async (tx) => {
    const before = await readRetention(tx, tenantId);
    await tx.query(
      `insert into workspace_settings (tenant_id, ${Object.values(COLUMN).join(", ")})
       values ($1, $2, $3, $4)
       on conflict (tenant_id) do update set
         ${
        Object.values(COLUMN).map((c) => `${c} = excluded.${c}`).join(", ")
      }, updated_at = now()`,
      [tenantId, next.demoEvents, next.runs, next.leads],
    );
    return before;
  });
}

/** The workspace's lead fit threshold for Slack and the CRM webhook (null: every lead). */
export async function readFitThreshold(db: Db, tenantId: string): Promise<number | null> {
  const rows = await db.query<{ lead_fit_threshold: number | null }>(
    "select lead_fit_threshold from workspace_settings where tenant_id = $1",
    [tenantId],
  );
  return rows[0]?.lead_fit_threshold ?? null;
}

/** Stores the lead fit threshold (0-100, or null for none); returns the previous one. */
export async function writeFitThreshold(
  db: Db,
  tenantId: string,
  threshold: number | null,
): Promise<number | null> {
  return await db.transaction(async (tx) => {
    const before = await readFitThreshold(tx, tenantId);
    await tx.query(
      `insert into workspace_settings (tenant_id, lead_fit_threshold) values ($1, $2)
       on conflict (tenant_id) do update set lead_fit_threshold = excluded.lead_fit_threshold,
         updated_at = now()`,
      [tenantId, threshold],
    );
    return before;
  });
}

/** Renames the workspace; returns the previous name. */
export async function renameWorkspace(db: Db, tenantId: string, name: string): Promise<string> {
  const rows = await db.query<{ previous: string }>(
    `with old as (select name from tenants where id = $1 for update)
     update tenants set name = $2 where id = $1 returning (select name from old) as previous`,
    [tenantId, name],
  );
  forgetIdentities();
  return rows[0]?.previous ?? name;
}
