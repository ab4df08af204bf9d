/** Queue handlers of tickets (triage, deliveries) and the sweep that re-enqueues lost jobs. */
import { onJob } from "../lib/jobs/registry.ts";
import type { Reservation } from "../lib/security/quotas.ts";
import { type Schedule, schedules } from "../lib/jobs/schedules.ts";
import { deliverTicket } from "../lib/tickets/deliver.ts";
import { DELIVER_TICKET, TRIAGE_TICKET } from "../lib/tickets/jobs.ts";
import { processTicket } from "../lib/tickets/process.ts";
import { sweepLostTicketJobs } from "../lib/tickets/sweep.ts";

onJob(TRIAGE_TICKET, async (message, services) => {
  await processTicket(
    services,
    String(message.ticketId),
    Number(message.attempt) || 1,
    (message.reservation as Reservation | undefined) ?? null,
  );
});

onJob(DELIVER_TICKET, async (message, services) => {
  await deliverTicket(services, String(message.deliveryId), Number(message.attempt) || 1);
});

/** Every 10 minutes: re-enqueues ticket triages and deliveries whose queue job was lost. */
export const ticketSweepJob: Schedule = {
  name: "tickets-sweep",
  schedule: "*/10 * * * *",
  run: async (services) => {
    await sweepLostTicketJobs(services);
  },
};

schedules.push(ticketSweepJob);
