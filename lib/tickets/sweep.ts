/**
 * Re-enqueues ticket work whose queue job was lost (a crash between storing and enqueueing):
 * tickets still queued, and deliveries never attempted, ten minutes after they were created.
 * The claims in the handlers make a duplicate harmless.
 */
import type { Services } from "../services.ts";
import { DELIVER_TICKET, TRIAGE_ATTEMPTS, TRIAGE_TICKET } from "./jobs.ts";

/** Re-enqueues lost ticket jobs; returns how many. */
export async function sweepLostTicketJobs(services: Services): Promise<number> {
  const tickets = await services.db.query<{ id: string }>(
    `select id from tickets where status = 'queued' and created_at < now() - interval '10 minutes'
     order by created_at limit 200`,
  );
  const deliveries = await services.db.query<{ id: string }>(
    `select id from ticket_deliveries where status = 'pending' and attempts = 0
       and created_at < now() - interval '10 minutes' order by created_at limit 200`,
  );
  for (const t of tickets) {
    await services.jobs.enqueue({ type: TRIAGE_TICKET, ticketId: t.id, attempt: TRIAGE_ATTEMPTS });
  }
  for (const d of deliveries) {
    await services.jobs.enqueue({ type: DELIVER_TICKET, deliveryId: d.id, attempt: 1 });
  }
  return tickets.length + deliveries.length;
}
