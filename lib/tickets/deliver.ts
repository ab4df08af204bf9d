/**
 * Ticket deliveries, each a queue job with the notifications' retry schedule
 * (NOTIFY_BACKOFF_MS): an urgent ticket's alert, posted Slack-style (`{ text }`) to the
 * workspace's alert webhook, and an automatically answered ticket's reply, posted as JSON to
 * the reply URL the ticket came with and signed with the workspace's key like the tickets it
 * sends. Relay sends no email: "sent" means the receiver answered 2xx.
 */
import type { Services } from "../services.ts";
import { logger } from "../telemetry/log.ts";
import { guardedPost } from "./guarded_post.ts";
import { DELIVER_TICKET } from "./jobs.ts";
import { alertUrl, signingKey } from "./settings.ts";
import { SIGNATURE_HEADER, ticketSignature, TIMESTAMP_HEADER } from "./signature.ts";

interface DeliveryRow {
  kind: "alert" | "reply";
  ticket_id: string;
  tenant_id: string;
  slug: string;
  external_id: string | null;
  subject: string | null;
  category: string;
  priority: string;
  draft_reply: string;
  reply_url: string | null;
}

/** Enqueues the next attempt of every pending delivery of a ticket. */
export async function enqueueDeliveries(services: Services, ticketId: string): Promise<void> {
  const pending = await services.db.query<{ id: string; attempts: number }>(
    "select id, attempts from ticket_deliveries where ticket_id = $1 and status = 'pending'",
    [ticketId],
  );
  for (const d of pending) {
    await services.jobs.enqueue({
      type: DELIVER_TICKET,
      deliveryId: d.id,
      attempt: d.attempts + 1,
    });
  }
}

/** Error text safe to store and show: no URLs (they can hold webhook tokens). */
function safeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\b[a-z][a-z0-9+.-]*:\/\/\S+/gi, "<url>").slice(0, 300);
}

async function send(services: Services, d: DeliveryRow): Promise<void> {
  const { settings, db } = services;
  const link = `${settings.publicUrl}/dashboard/${d.slug}/tickets/${d.ticket_id}`;
  if (d.kind === "alert") {
    const url = await alertUrl(db, settings.webhookSecrets, d.tenant_id);
    if (!url) throw new Error("no alert webhook is set");
    const what = d.subject ? `"${d.subject.replace(/[\r\n]+/g, " ").slice(0, 200)}"` : "a ticket";
    const text = `Urgent ticket: ${what} (${d.category}). ${link}`;
    await guardedPost(url, JSON.stringify({ text }), {}, settings.fetchAllowlist);
    return;
  }
  const key = await signingKey(db, settings.webhookSecrets, d.tenant_id);
  if (!key || !d.reply_url) throw new Error("no signing key or reply URL");
  const body = JSON.stringify({
    event: "ticket.answered",
    ticket: { id: d.ticket_id, externalId: d.external_id, category: d.category },
    reply: d.draft_reply,
  });
  const timestamp = Math.floor(Date.now() / 1000);
  await guardedPost(d.reply_url, body, {
    "x-relay-event": "ticket.answered",
    [TIMESTAMP_HEADER]: String(timestamp),
    [SIGNATURE_HEADER]: await ticketSignature(key, timestamp, body),
  }, settings.fetchAllowlist);
}

/**
 * One delivery attempt (the queue handler). Claims the attempt first, so a duplicate job does
 * nothing; on failure schedules the next attempt, or marks the delivery failed after the last.
 */
export async function deliverTicket(
  services: Services,
  deliveryId: string,
  attempt: number,
): Promise<void> {
  const { db, settings } = services;
  const [d] = await db.query<DeliveryRow>(
    `with claimed as (
       update ticket_deliveries set attempts = $2
       where id = $1 and status = 'pending' and attempts = $2 - 1
       returning ticket_id, kind)
     select c.kind, t.id as ticket_id, t.tenant_id, w.slug, t.external_id, t.subject,
       t.category, t.priority, t.draft_reply, t.reply_url
     from claimed c join tickets t on t.id = c.ticket_id join tenants w on w.id = t.tenant_id`,
    [deliveryId, attempt],
  );
  if (!d) return;
  try {
    await send(services, d);
    await db.query(
      `update ticket_deliveries set status = 'sent', delivered_at = now(), last_error = null
       where id = $1`,
      [deliveryId],
    );
  } catch (error) {
    const message = safeError(error);
    const backoff = settings.notifyBackoffMs;
    if (attempt > backoff.length) {
      await db.query(
        "update ticket_deliveries set status = 'failed', last_error = $2 where id = $1",
        [deliveryId, message],
      );
      logger.error("ticket delivery failed", { deliveryId, kind: d.kind, attempts: attempt });
      return;
    }
    await db.query("update ticket_deliveries set last_error = $2 where id = $1", [
      deliveryId,
      message,
    ]);
    await services.jobs.enqueue({ type: DELIVER_TICKET, deliveryId, attempt: attempt + 1 }, {
      delay: backoff[attempt - 1],
    });
    logger.warn("ticket delivery failed; will retry", { deliveryId, kind: d.kind, attempt });
  }
}
