/**
 * Lead qualification as a queued job: every accepted lead is qualified once by the
 * lead-qualifier agent ({@link runQualifier}); the fit, reasons and firmographics (or why it
 * failed) are stored on the lead, then its notifications are created per channel, routed by the
 * workspace's fit threshold, and sent. The job claims the lead first, so a duplicate or retried
 * job does nothing, and a notification exists once per lead and channel, so nothing is sent
 * twice. A sweep re-enqueues qualifications whose job was lost; operators can re-queue one.
 */
import type { Services } from "../services.ts";
import { logger } from "../telemetry/log.ts";
import { enqueueLeadNotifications } from "../notify/lead_notifications.ts";
import { runQualifier } from "./qualify_agent.ts";
import { addNotifications, leadFitThreshold } from "./routing.ts";

/** Job message type of one lead's qualification. */
export const QUALIFY_LEAD = "lead.qualify";

/** Minutes after which a queued or running qualification counts as lost. */
const STALE_MINUTES = 10;

/** Where a lead's qualification stands (null: never queued). */
export type QualificationStatus = "pending" | "running" | "qualified" | "failed";

/** Enqueues the qualification of a lead (its status must be `pending`). */
export async function enqueueQualification(services: Services, leadId: string): Promise<void> {
  await services.jobs.enqueue({ type: QUALIFY_LEAD, leadId });
}

/**
 * Puts a lead (not held) back in the queue, whatever its qualification's state; true when it
 * was queued. Its notifications already sent are not sent again.
 */
export async function requeueQualification(services: Services, leadId: string): Promise<boolean> {
  const rows = await services.db.query(
    `update leads set qualification_status = 'pending', qualification_started_at = null,
       updated_at = now() where id = $1 and not held returning id`,
    [leadId],
  );
  if (rows.length === 0) return false;
  await enqueueQualification(services, leadId);
  return true;
}

interface Claimed {
  tenant_id: string | null;
  company: string | null;
  message: string | null;
  website: string | null;
  qualification_attempts: number;
}

/** The job: claims the lead, qualifies it, stores the outcome, then routes its notifications. */
export async function qualifyLead(services: Services, leadId: string): Promise<void> {
  const { db } = services;
  const [lead] = await db.query<Claimed>(
    `update leads set qualification_status = 'running', qualification_started_at = now(),
       qualification_attempts = qualification_attempts + 1
     where id = $1 and not held and (qualification_status = 'pending'
       or (qualification_status = 'running'
         and qualification_started_at < now() - interval '${STALE_MINUTES} minutes'))
     returning tenant_id, company, message, website, qualification_attempts`,
    [leadId],
  );
  if (!lead) return;
  let score: number | null = null;
  let stored: { tenant_id: string | null }[];
  try {
    const q = await runQualifier(services, lead);
    score = q.score;
    stored = await db.query(
      `update leads set qualification_status = 'qualified', fit_score = $2, fit_verdict = $3,
         fit_reasons = $4::text::jsonb, firmographics = $5::text::jsonb, qualification_error = null,
         qualified_at = now(), updated_at = now()
       where id = $1 and qualification_status = 'running' and qualification_attempts = $6
       returning tenant_id`,
      [
        leadId,
        q.score,
        q.verdict,
        JSON.stringify(q.reasons),
        JSON.stringify(q.firmographics),
        lead.qualification_attempts,
      ],
    );
  } catch (error) {
    if (services.shutdown.aborted) throw error;
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 300);
    logger.warn("lead qualification failed", { leadId, error: message });
    stored = await db.query(
      `update leads set qualification_status = 'failed', qualification_error = $2,
         updated_at = now()
       where id = $1 and qualification_status = 'running' and qualification_attempts = $3
       returning tenant_id`,
      [leadId, message, lead.qualification_attempts],
    );
  }
  if (stored.length === 0) return;
  const threshold = await leadFitThreshold(services, lead.tenant_id);
  await addNotifications(db, services.settings, leadId, { score, threshold });
  await enqueueLeadNotifications(services, leadId);
}

/**
 * Re-enqueues qualifications whose job was lost (queued or running for longer than
 * {@link STALE_MINUTES}); the claim makes a duplicate harmless. Returns how many.
 */
export async function sweepStaleQualifications(services: Services): Promise<number> {
  const stale = await services.db.query<{ id: string }>(
    `select id from leads where qualification_status in ('pending', 'running') and not held
       and coalesce(qualification_started_at, created_at)
         < now() - interval '${STALE_MINUTES} minutes'
     order by created_at limit 200`,
  );
  for (const { id } of stale) await enqueueQualification(services, id);
  return stale.length;
}
