/** Queue message types of tickets (handlers in queues/tickets.ts). */

/** Triage of one ticket by the support-triage agent: `{ ticketId, attempt }`. */
export const TRIAGE_TICKET = "tickets.triage";

/** One attempt of a ticket delivery (urgent alert or automatic reply): `{ deliveryId, attempt }`. */
export const DELIVER_TICKET = "tickets.deliver";

/** Attempts of a triage before the ticket is marked failed. */
export const TRIAGE_ATTEMPTS = 3;
