/**
 * Scheduled maintenance: retention (daily), the weekly report to workspace owners, and the
 * cache refresh. Each handler is exported so tests call it directly.
 */
import { recordAudit } from "../lib/audit/record.ts";
import { refreshCaches } from "../lib/reports/cache_refresh.ts";
import { sendWeeklyReports } from "../lib/reports/weekly.ts";
import { applyRetention } from "../lib/retention/apply.ts";
import type { Services } from "../lib/services.ts";
import { logger } from "../lib/telemetry/log.ts";
import { type Schedule, schedules } from "../lib/jobs/schedules.ts";

/** Daily at 03:15 UTC: removes what is past its retention age, and audits the counts. */
export const retentionJob: Schedule = {
  name: "retention",
  schedule: "15 3 * * *",
  run: async (services: Services) => {
    const report = await applyRetention(services);
    await recordAudit(services, {
      actorId: "system",
      action: "retention.applied",
      target: "retention",
      diff: report,
    });
    logger.info("retention applied", { ...report });
  },
};

/** Mondays at 07:00 UTC: the weekly report email to every workspace's owners. */
export const weeklyReportJob: Schedule = {
  name: "weekly-report",
  schedule: "0 7 * * 1",
  run: async (services: Services) => {
    const sent = await sendWeeklyReports(services);
    logger.info("weekly reports sent", { sent });
  },
};

/** Every 30 minutes: warms the Docs site and search index caches. */
export const cacheRefreshJob: Schedule = {
  name: "cache-refresh",
  schedule: "*/30 * * * *",
  run: async () => {
    const { docsSections } = await refreshCaches();
    logger.info("caches refreshed", { docsSections });
  },
};

schedules.push(retentionJob, weeklyReportJob, cacheRefreshJob);
