/**
 * The triage job: runs the agent on a queued ticket, stores what it found, marks it answered
 * automatically when the workspace lets its category be, and creates its deliveries (an alert
 * for an urgent ticket when an alert webhook is set; the reply when the ticket gave a reply
 * URL and was answered automatically). Its tokens and cost go to the workspace's usage and
 * settle the quota held when the ticket arrived. A duplicate job finds the ticket triaged and
 * does nothing; a failing one is retried, then the ticket is marked failed with the reason.
 */
import { costOf } from "../agents/pricing.ts";
import { settle } from "../security/quotas.ts";
import type { Reservation } from "../security/quotas.ts";
import type { Services } from "../services.ts";
import { logger } from "../telemetry/log.ts";
import { enqueueDeliveries } from "./deliver.ts";
import { TRIAGE_ATTEMPTS, TRIAGE_TICKET } from "./jobs.ts";
import { readTicketSettings } from "./settings.ts";
import { triageTicket } from "./triage.ts";

interface QueuedTicket {
  tenant_id: string;
  customer_name: string | null;
  subject: string | null;
  body: string;
  reply_url: string | null;
}

/** Delays between triage attempts. */
const RETRY_MS = [1_000, 10_000];

/** Handles one triage attempt of a ticket. */
export async function processTicket(
  services: Services,
  ticketId: string,
  attempt: number,
  reservation: Reservation | null = null,
): Promise<void> {
  const { db } = services;
  const [t] = await db.query<QueuedTicket>(
    `select tenant_id, customer_name, subject, body, reply_url from tickets
     where id = $1 and status = 'queued'`,
    [ticketId],
  );
  if (!t) return;
  let result;
  try {
    result = await triageTicket(services, {
      customerName: t.customer_name,
      subject: t.subject,
      body: t.body,
    });
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 300);
    if (attempt >= TRIAGE_ATTEMPTS) {
      if (reservation) await settle(services, reservation, { tokens: 0, costUsd: 0 });
      await db.query(
        "update tickets set status = 'failed', error = $2 where id = $1 and status = 'queued'",
        [ticketId, message],
      );
      logger.error("ticket triage failed", { ticketId, attempt });
      return;
    }
    logger.warn("ticket triage failed; will retry", { ticketId, attempt });
    await services.jobs.enqueue({
      type: TRIAGE_TICKET,
      ticketId,
      attempt: attempt + 1,
      reservation,
    }, {
      delay: RETRY_MS[attempt - 1] ?? RETRY_MS.at(-1),
    });
    return;
  }
  const settings = await readTicketSettings(db, t.tenant_id);
  const c = result.classification;
  const auto = settings.autoAnswer.includes(c.category);
  const kinds = [
    ...(c.priority === "urgent" && settings.alertHost ? ["alert" as const] : []),
    ...(auto && t.reply_url ? ["reply" as const] : []),
  ];
  const costUsd = costOf(result.model, result.usage);
  const created = await db.transaction(async (tx) => {
    const updated = await tx.query(
      `update tickets set status = 'triaged', category = $2, priority = $3, sentiment = $4,
         evidence = ($5::text)::jsonb, docs = ($6::text)::jsonb, draft_reply = $7, provider = $8, model = $9, tokens_in = $10,
         tokens_out = $11, auto_answered = $12, triaged_at = now(), error = null
       where id = $1 and status = 'queued' returning id`,
      [
        ticketId,
        c.category,
        c.priority,
        c.sentiment,
        JSON.stringify(c.evidence),
        JSON.stringify(result.docs),
        result.reply,
        result.provider,
        result.model,
        result.usage.tokensIn,
        result.usage.tokensOut,
        auto,
      ],
    );
    if (!updated[0]) return false;
    await tx.query(
      `insert into usage (tenant_id, day, requests, tokens_in, tokens_out, cost_usd)
       values ($1, (now() at time zone 'UTC')::date, 1, $2, $3, $4)
       on conflict (tenant_id, day) do update set requests = usage.requests + 1,
         tokens_in = usage.tokens_in + excluded.tokens_in,
         tokens_out = usage.tokens_out + excluded.tokens_out,
         cost_usd = usage.cost_usd + excluded.cost_usd`,
      [t.tenant_id, result.usage.tokensIn, result.usage.tokensOut, costUsd],
    );
    for (const kind of kinds) {
      await tx.query(
        "insert into ticket_deliveries (ticket_id, kind) values ($1, $2) on conflict do nothing",
        [ticketId, kind],
      );
    }
    return true;
  });
  if (!created) return;
  if (reservation) {
    await settle(services, reservation, {
      tokens: result.usage.tokensIn + result.usage.tokensOut,
      costUsd,
    });
  }
  if (kinds.length) await enqueueDeliveries(services, ticketId);
}
