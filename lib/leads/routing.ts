/**
 * Which channels announce a lead: e-mail to the operators for every lead; Slack and the CRM
 * webhook for every lead, or, when the lead's workspace sets a fit threshold, only for leads
 * qualified at or above it (a lead not qualified, or whose qualification failed, waits).
 */
import type { Settings } from "../config.ts";
import type { Db } from "../db/types.ts";
import type { Services } from "../services.ts";
import { type Channel, configuredChannels } from "../notify/lead_notifications.ts";
import { siteWorkspaceId } from "../tracking/feeds.ts";
import { readFitThreshold } from "../dashboard/settings.ts";

/** A lead's fit (null: not qualified) and its workspace's threshold (null: none set). */
export interface Routing {
  score: number | null;
  threshold: number | null;
}

/** The configured channels a lead goes to under `routing`. */
export function routedChannels(settings: Settings, { score, threshold }: Routing): Channel[] {
  return configuredChannels(settings).filter((c) =>
    c === "email" || threshold === null || (score !== null && score >= threshold)
  );
}

/** The fit threshold of a lead's workspace (the site's own for anonymous leads), or null. */
export async function leadFitThreshold(
  services: Pick<Services, "settings" | "db">,
  tenantId: string | null,
): Promise<number | null> {
  const workspace = tenantId ?? await siteWorkspaceId(services);
  return workspace ? await readFitThreshold(services.db, workspace) : null;
}

/** A pending notification per channel the lead is routed to (once each, ever). */
export async function addNotifications(
  db: Db,
  settings: Settings,
  leadId: string,
  routing: Routing,
) {
  for (const channel of routedChannels(settings, routing)) {
    await db.query(
      `insert into notifications (lead_id, channel) values ($1, $2)
       on conflict (lead_id, channel) do nothing`,
      [leadId, channel],
    );
  }
}
