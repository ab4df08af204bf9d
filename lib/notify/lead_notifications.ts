/**
 * Notifications of a new lead, one per channel it is routed to (lib/leads/routing.ts): an email
 * to LEAD_NOTIFY_EMAIL, a Slack-compatible message, and a signed CRM webhook, each carrying the
 * lead's fit (or why it is not qualified). Each is a queue job with its own retry
 * schedule (NOTIFY_BACKOFF_MS); after the last failed try it is marked `failed` and put on the
 * dead-letter list. The `notifications` table records what was sent and whether it arrived.
 */
import { notifyDeadLetterKey, prefixes } from "../../kv/keys.ts";
import type { Settings } from "../config.ts";
import type { Services } from "../services.ts";
import { logger } from "../telemetry/log.ts";
import { sendEmail } from "./email.ts";
import { postToSlack } from "./slack.ts";
import { postSignedWebhook } from "./webhook.ts";

/** Queue message type of one delivery attempt. */
export const NOTIFY_LEAD = "notify.lead";

/** The channels a lead can be announced on. */
export type Channel = "email" | "slack" | "crm_webhook";

/** A notification that failed every attempt. */
export interface DeadLetter {
  notificationId: string;
  leadId: string;
  channel: Channel;
  attempts: number;
  error: string;
  at: string;
}

interface LeadRow {
  id: string;
  name: string;
  email: string;
  company: string | null;
  message: string | null;
  source: string | null;
  verification: string;
  created_at: Date;
  website: string | null;
  qualification_status: string | null;
  qualification_error: string | null;
  fit_score: number | null;
  fit_verdict: string | null;
  fit_reasons: string[] | null;
  firmographics: Record<string, unknown> | null;
}

/** The fit in one line: "fit 80/100 (strong fit)" or why there is none. */
function fitLine(lead: LeadRow): string {
  if (lead.fit_score !== null) return `fit ${lead.fit_score}/100 (${lead.fit_verdict})`;
  return lead.qualification_status === "failed"
    ? `not qualified: ${lead.qualification_error ?? "qualification failed"}`
    : "not qualified yet";
}

/** The channels the settings configure. */
export function configuredChannels(settings: Settings): Channel[] {
  const out: Channel[] = [];
  if (settings.leadNotifyEmail) out.push("email");
  if (settings.slackWebhookUrl) out.push("slack");
  if (settings.crmWebhookUrl) out.push("crm_webhook");
  return out;
}

/** Enqueues the next attempt of every pending notification of a lead. */
export async function enqueueLeadNotifications(services: Services, leadId: string): Promise<void> {
  const pending = await services.db.query<{ id: string; attempts: number }>(
    "select id, attempts from notifications where lead_id = $1 and status = 'pending'",
    [leadId],
  );
  if (pending.length === 0) return;
  const op = services.kv.atomic();
  const jobIds = pending.map((n) =>
    services.jobs.stage(op, { type: NOTIFY_LEAD, notificationId: n.id, attempt: n.attempts + 1 })
  );
  if (!(await op.commit()).ok) throw new Error("enqueue of lead notifications failed");
  await services.jobs.flush(jobIds);
}

/** Error text safe to store and show: no URLs (they can hold webhook tokens). */
function safeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\b[a-z][a-z0-9+.-]*:\/\/\S+/gi, "<url>").slice(0, 300);
}

async function send(services: Services, channel: Channel, lead: LeadRow, notificationId: string) {
  const { settings } = services;
  const who = lead.company ? `${lead.name} (${lead.company})` : lead.name;
  const link = `${settings.publicUrl}/dashboard/leads/${lead.id}`;
  if (channel === "email") {
    for (const to of settings.leadNotifyEmail!.split(",").map((s) => s.trim()).filter(Boolean)) {
      await sendEmail(services, {
        to,
        subject: `New lead: ${who}, ${fitLine(lead)}`.replace(/[\r\n]+/g, " ").slice(0, 300),
        text: [
          `${who} <${lead.email}> wrote via the ${lead.source ?? "contact"} form:`,
          "",
          lead.message ?? "",
          "",
          ...(lead.website ? [`Website: ${lead.website}`] : []),
          `Fit: ${fitLine(lead)}`,
          ...(lead.fit_reasons ?? []).map((r) => `- ${r}`),
          "",
          `Verification: ${lead.verification}`,
          link,
        ].join("\n"),
      });
    }
  } else if (channel === "slack") {
    await postToSlack(
      settings.slackWebhookUrl!,
      `New lead from the ${lead.source ?? "contact"} form: ${who}, ${fitLine(lead)}. ${link}`,
    );
  } else {
    await postSignedWebhook(settings.crmWebhookUrl!, settings.webhookSecrets, {
      event: "lead.created",
      lead: {
        id: lead.id,
        name: lead.name,
        email: lead.email,
        company: lead.company,
        message: lead.message,
        source: lead.source,
        verification: lead.verification,
        website: lead.website,
        createdAt: lead.created_at.toISOString(),
      },
      qualification: {
        status: lead.qualification_status,
        fitScore: lead.fit_score,
        verdict: lead.fit_verdict,
        reasons: lead.fit_reasons ?? [],
        firmographics: lead.firmographics,
        error: lead.qualification_error,
      },
    }, { id: notificationId, event: "lead.created" });
  }
}

/**
 * One delivery attempt (the queue handler). Claims the attempt in Postgres first, so a
 * duplicate job does nothing; on failure schedules the next attempt or dead-letters it.
 */
export async function deliverLeadNotification(
  services: Services,
  notificationId: string,
  attempt: number,
): Promise<void> {
  const { db, kv, settings } = services;
  const [claimed] = await db.query<{ lead_id: string; channel: Channel }>(
    `update notifications set attempts = $2 where id = $1 and status = 'pending'
       and attempts = $2 - 1 returning lead_id, channel`,
    [notificationId, attempt],
  );
  if (!claimed) return;
  const [lead] = await db.query<LeadRow>(
    `select id, name, email, company, message, source, verification, created_at, website,
       qualification_status, qualification_error, fit_score, fit_verdict, fit_reasons,
       firmographics
     from leads where id = $1`,
    [claimed.lead_id],
  );
  if (!lead) return;
  try {
    await send(services, claimed.channel, lead, notificationId);
    await db.query(
      "update notifications set status = 'sent', delivered_at = now(), last_error = null where id = $1",
      [notificationId],
    );
  } catch (error) {
    const message = safeError(error);
    const backoff = settings.notifyBackoffMs;
    if (attempt > backoff.length) {
      await db.query("update notifications set status = 'failed', last_error = $2 where id = $1", [
        notificationId,
        message,
      ]);
      const dead: DeadLetter = {
        notificationId,
        leadId: lead.id,
        channel: claimed.channel,
        attempts: attempt,
        error: message,
        at: new Date().toISOString(),
      };
      await kv.set(notifyDeadLetterKey(notificationId), dead);
      logger.error("lead notification dead-lettered", {
        notificationId,
        leadId: lead.id,
        channel: claimed.channel,
        attempts: attempt,
      });
      return;
    }
    await db.query(
      `update notifications set last_error = $2,
         next_attempt_at = now() + make_interval(secs => $3::double precision / 1000)
       where id = $1`,
      [notificationId, message, backoff[attempt - 1]],
    );
    await services.jobs.enqueue({ type: NOTIFY_LEAD, notificationId, attempt: attempt + 1 }, {
      delay: backoff[attempt - 1],
    });
    logger.warn("lead notification failed; will retry", {
      notificationId,
      channel: claimed.channel,
      attempt,
    });
  }
}

/** The dead-letter list of lead notifications, oldest first (for the dashboard). */
export async function listNotifyDeadLetters(kv: Deno.Kv, limit = 100): Promise<DeadLetter[]> {
  const out: DeadLetter[] = [];
  for await (const e of kv.list<DeadLetter>({ prefix: prefixes.notifyDeadLetters }, { limit })) {
    out.push(e.value);
  }
  return out;
}

/** Minutes past its due time after which a pending notification counts as lost. */
const OVERDUE_MINUTES = 10;

/**
 * Re-enqueues pending notifications that are overdue (their queue job was lost); the claim in
 * {@link deliverLeadNotification} makes a duplicate harmless. Returns how many were enqueued.
 */
export async function sweepOverdueNotifications(services: Services): Promise<number> {
  const overdue = await services.db.query<{ id: string; attempts: number }>(
    `select id, attempts from notifications where status = 'pending'
       and coalesce(next_attempt_at, created_at) < now() - interval '${OVERDUE_MINUTES} minutes'
     order by created_at limit 500`,
  );
  if (overdue.length === 0) return 0;
  const op = services.kv.atomic();
  const jobIds = overdue.map((n) =>
    services.jobs.stage(op, { type: NOTIFY_LEAD, notificationId: n.id, attempt: n.attempts + 1 })
  );
  if (!(await op.commit()).ok) throw new Error("enqueue of overdue notifications failed");
  await services.jobs.flush(jobIds);
  return overdue.length;
}
