/**
 * Moves leads from the KV outbox into Postgres: the lead is inserted (unique idempotency key, so
 * a re-drained entry is a no-op) with its qualification pending, and the qualification job is
 * enqueued once the entry has left the outbox; that job creates and sends the notifications
 * (lib/leads/qualification.ts). A lead sent without a captcha is stored held, neither qualified
 * nor announced: an operator accepts it first (lib/leads/review.ts).
 */
import type { Services } from "../services.ts";
import { registerOutboxSink } from "../outbox/outbox.ts";
import { enqueueQualification } from "./qualification.ts";

/** Outbox kind of leads. */
export const LEAD_KIND = "lead";

/** A lead as stored in the outbox. */
export interface LeadRecord {
  id: string;
  idempotencyKey: string;
  name: string;
  email: string;
  company: string | null;
  /** The company's website, as typed (absent in entries written before the field existed). */
  website?: string | null;
  message: string;
  consent: boolean;
  source: string;
  verification: "none" | "altcha" | "hcaptcha";
  traceId: string | null;
  createdAt: string;
}

/** Inserts one lead, its qualification pending unless held; returns the stored lead id. */
export async function insertLead(services: Services, lead: LeadRecord): Promise<string> {
  return await services.db.transaction(async (tx) => {
    const inserted = await tx.query<{ id: string }>(
      `insert into leads (id, idempotency_key, name, email, company, message, source, consent,
         verification, trace_id, created_at, updated_at, held, website, qualification_status)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, $12, $13,
         case when $12 then null else 'pending' end)
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
        lead.website ?? null,
      ],
    );
    return inserted[0]?.id ??
      (await tx.query<{ id: string }>("select id from leads where idempotency_key = $1", [
        lead.idempotencyKey,
      ]))[0].id;
  });
}

/** Whether a lead waits for an operator: it was sent without any captcha. */
export function isHeld(lead: Pick<LeadRecord, "verification">): boolean {
  return lead.verification === "none";
}

registerOutboxSink(LEAD_KIND, async (services, entry) => {
  const lead = entry.payload as LeadRecord;
  const id = await insertLead(services, lead);
  if (isHeld(lead)) return;
  return (s) => enqueueQualification(s, id);
});
