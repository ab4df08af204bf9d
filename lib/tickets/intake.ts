/**
 * A ticket sent to the signed webhook: its JSON shape, and storing it with its triage job. The
 * triage's estimated spend is held against the workspace's plan first (429 `quota_exceeded`
 * over a limit, like a run) and settled by the job with the real usage. A ticket sent again
 * with the same `externalId` is not stored twice (and its hold is given back).
 */
import { z } from "zod";
import { supportTriage } from "../agents/definitions/support_triage.ts";
import { releaseRunQuota, reserveRunQuota } from "../agents/runs/quota.ts";
import type { AgentDefinition } from "../agents/types.ts";
import type { Services } from "../services.ts";
import { storable, text } from "../validation/text.ts";
import { TRIAGE_TICKET } from "./jobs.ts";

/** The JSON body of `POST /api/workspaces/:ws/tickets`. */
export const ticketBody = storable(
  z.object({
    subject: text().trim().max(300).optional(),
    body: text().trim().min(10, "The ticket text must be at least 10 characters.").max(20_000),
    customer: z.object({
      name: text().trim().max(100).optional(),
      email: z.email("customer.email must be an email address.").max(254).optional(),
    }).strict().optional(),
    externalId: text().trim().min(1).max(200).optional(),
    replyUrl: z.url({ protocol: /^https?$/, error: "replyUrl must be an http(s) URL." }).max(2000)
      .optional(),
  }).strict(),
);

/** A ticket as sent. */
export type TicketBody = z.infer<typeof ticketBody>;

/** Stores a ticket and enqueues its triage; `duplicate` when its `externalId` was seen. */
export async function acceptTicket(
  services: Services,
  tenantId: string,
  t: TicketBody,
  { ipSubject, requestId }: { ipSubject: string; requestId: string },
): Promise<{ id: string; duplicate: boolean }> {
  const reservation = await reserveRunQuota(
    services,
    { tenantId, userId: null, visitorHash: null, ipSubject },
    supportTriage as unknown as AgentDefinition,
    { customerName: t.customer?.name, subject: t.subject, body: t.body },
    requestId,
  );
  const inserted = await services.db.query<{ id: string }>(
    `insert into tickets (tenant_id, external_id, customer_name, customer_email, subject, body,
       reply_url)
     values ($1, $2, $3, $4, $5, $6, $7)
     on conflict (tenant_id, external_id) where external_id is not null do nothing
     returning id`,
    [
      tenantId,
      t.externalId ?? null,
      t.customer?.name ?? null,
      t.customer?.email ?? null,
      t.subject ?? null,
      t.body,
      t.replyUrl ?? null,
    ],
  );
  if (!inserted[0]) {
    await releaseRunQuota(services, reservation);
    const [old] = await services.db.query<{ id: string }>(
      "select id from tickets where tenant_id = $1 and external_id = $2",
      [tenantId, t.externalId],
    );
    return { id: old.id, duplicate: true };
  }
  const id = inserted[0].id;
  await services.jobs.enqueue({ type: TRIAGE_TICKET, ticketId: id, attempt: 1, reservation });
  return { id, duplicate: false };
}
