/**
 * Moves leads from the KV outbox into Postgres: one transaction inserts the lead (unique
 * idempotency key, so a re-drained entry is a no-op) and a pending notification per configured
 * channel; the notification jobs are enqueued once the entry has left the outbox. A lead sent
 * without a captcha is stored held, with no notification: an operator accepts it first
 * (lib/leads/review.ts).
 */
import type { Settings } from "../config.ts";
import type { Db } from "../db/types.ts";
import type { Services } from "../services.ts";
import { registerOutboxSink } from "../outbox/outbox.ts";
import { configuredChannels, enqueueLeadNotifications } from "../notify/lead_notifications.ts";

/** Outbox kind of leads. */
export const LEAD_KIND = "lead";

/** A lead as stored in the outbox. */
export interface LeadRecord {
  id: string;
  idempotencyKey: string;
  name: string;
  email: string;
  company: string | null;
  message: string;
  consent: boolean;
  source: string;
  verification: "none" | "altcha" | "hcaptcha";
  traceId: string | null;
  createdAt: string;
}

/** Inserts one lead and its pending notifications; returns the stored lead id. */
export async function insertLead(services: Services, lead: LeadRecord): Promise<string> {
  return await services.db.transaction(async (tx) => {
    const inserted = await tx.query<{ id: string }>(
      `insert into leads (id, idempotency_key, name, email, company, message, source, consent,
         verification, trace_id, created_at, updated_at, held)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, $12)
       on conflict (idempotency_key) do nothing returning id`,
      [
        lead.id,
        lead.idempotencyKey,
        lead.name,
        lead.email,
        lead.company,
        lead.message,
        lead.source,
        lead.consent,
        lead.verification,
        lead.traceId,
        lead.createdAt,
        isHeld(lead),
      ],
    );
    const id = inserted[0]?.id ??
      (await tx.query<{ id: string }>("select id from leads where idempotency_key = $1", [
        lead.idempotencyKey,
      ]))[0].id;
    if (!isHeld(lead)) await addNotifications(tx, services.settings, id);
    return id;
  });
}

/** Whether a lead waits for an operator: it was sent without any captcha. */
export function isHeld(lead: Pick<LeadRecord, "verification">): boolean {
  return lead.verification === "none";
}

/** A pending notification per configured channel for a lead (once each). */
export async function addNotifications(db: Db, settings: Settings, leadId: string) {
  for (const channel of configuredChannels(settings)) {
    await db.query(
      `insert into notifications (lead_id, channel) values ($1, $2)
       on conflict (lead_id, channel) do nothing`,
      [leadId, channel],
    );
  }
}

registerOutboxSink(LEAD_KIND, async (services, entry) => {
  const id = await insertLead(services, entry.payload as LeadRecord);
  return (s) => enqueueLeadNotifications(s, id);
});
