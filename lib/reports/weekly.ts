/**
 * The weekly report: each workspace's owners get one email with the last seven days' visits
 * (page views in the demo feed counts), agent runs, new leads and spend.
 */
import type { Services } from "../services.ts";
import { sendEmail } from "../notify/email.ts";
import { readDemoCounts, utcDay } from "../tracking/counters.ts";
import { countedLead } from "../leads/review.ts";
import { siteWorkspaceId } from "../tracking/feeds.ts";
import { logger } from "../telemetry/log.ts";

const DAY_MS = 24 * 3600_000;

/** One workspace's week. */
export interface WeeklyFigures {
  visits: number;
  runs: number;
  leads: number;
  spendUsd: number;
}

/** The figures of the seven days before `now` for a workspace. */
export async function weeklyFigures(
  services: Pick<Services, "kv" | "db" | "settings">,
  tenantId: string,
  now = new Date(),
): Promise<WeeklyFigures> {
  const from = new Date(now.getTime() - 7 * DAY_MS);
  const site = (await siteWorkspaceId(services).catch(() => null)) === tenantId;
  const counts = await readDemoCounts(
    services.kv,
    tenantId,
    utcDay(from),
    utcDay(now.getTime() - 1),
  );
  let visits = 0;
  for (const day of counts.values()) visits += day.page_view ?? 0;
  const owned = "(tenant_id = $1 or (tenant_id is null and $4::boolean))";
  const [row] = await services.db.query<{ runs: number; leads: number; spend: string }>(
    `select
       (select count(*)::int from agent_runs where ${owned}
          and created_at >= $2 and created_at < $3) as runs,
       (select count(*)::int from leads where ${owned} and ${countedLead()}
          and created_at >= $2 and created_at < $3) as leads,
       (select coalesce(sum(cost_usd), 0)::text from usage where tenant_id = $1
          and day >= $2::date and day < $3::date) as spend`,
    [tenantId, from, now, site],
  );
  return { visits, runs: row.runs, leads: row.leads, spendUsd: Number(row.spend) };
}

/** The report's text. */
export function weeklyReportText(workspace: string, f: WeeklyFigures, dashboardUrl: string) {
  return [
    `Your week on Relay (${workspace})`,
    "",
    `Visits:      ${f.visits}`,
    `Agent runs:  ${f.runs}`,
    `New leads:   ${f.leads}`,
    `Spend:       $${f.spendUsd.toFixed(2)}`,
    "",
    `See the details: ${dashboardUrl}`,
  ].join("\n");
}

/** Sends every workspace's owners their report; returns how many emails went out. */
export async function sendWeeklyReports(
  services: Pick<Services, "kv" | "db" | "settings">,
  now = new Date(),
): Promise<number> {
  const owners = await services.db.query<
    { tenant_id: string; slug: string; name: string; email: string }
  >(
    `select t.id as tenant_id, t.slug, t.name, u.email
     from tenants t join memberships m on m.tenant_id = t.id and m.role = 'owner'
     join users u on u.id = m.user_id order by t.id`,
  );
  let sent = 0;
  const figures = new Map<string, WeeklyFigures>();
  for (const o of owners) {
    try {
      const f = figures.get(o.tenant_id) ?? await weeklyFigures(services, o.tenant_id, now);
      figures.set(o.tenant_id, f);
      await sendEmail(services, {
        to: o.email,
        subject: `Your week on Relay: ${o.name}`.replace(/[\r\n]+/g, " ").slice(0, 300),
        text: weeklyReportText(o.name, f, `${services.settings.publicUrl}/dashboard/${o.slug}`),
      });
      sent++;
    } catch (error) {
      logger.warn("weekly report not sent", { tenantId: o.tenant_id, error });
    }
  }
  return sent;
}
