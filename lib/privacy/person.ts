/**
 * A person's data on request: everything the workspace holds about an email address (leads,
 * their notes and notification records, leads still waiting in the outbox, support tickets
 * they sent with their deliveries), exported as JSON
 * or erased. The erasure is audited with counts and a random erasure id, never the address.
 * Leads waiting in the outbox are contact-form leads, which belong to the site's own workspace
 * (`SITE_WORKSPACE`, like `tenant_id is null` rows): only that workspace's scope sees them, and
 * dead-lettered ones (lib/outbox/dead_letters.ts) with them.
 */
import { prefixes } from "../../kv/keys.ts";
import { recordAudit } from "../audit/record.ts";
import { type DataScope, ownedBy } from "../dashboard/scope.ts";
import type { LeadRecord } from "../leads/sink.ts";
import type { DeadLetter } from "../outbox/dead_letters.ts";
import type { OutboxEntry } from "../outbox/outbox.ts";
import type { Services } from "../services.ts";

/** Everything held about one person. */
export interface PersonExport {
  email: string;
  leads: Record<string, unknown>[];
  notes: Record<string, unknown>[];
  notifications: Record<string, unknown>[];
  /** Leads accepted but not yet in the database (waiting, or dead-lettered). */
  pending: LeadRecord[];
  /** Support tickets sent to the workspace's tickets webhook with this customer email. */
  tickets: Record<string, unknown>[];
}

/** Who asked, for the audit trail. */
export interface PrivacyRequest {
  scope: DataScope;
  email: string;
  actorId: string;
  requestId?: string;
}

async function pendingLeads(services: Pick<Services, "kv">, scope: DataScope, email: string) {
  const out: { key: Deno.KvKey; lead: LeadRecord }[] = [];
  if (!scope.site) return out;
  const matches = (entry: OutboxEntry | undefined) =>
    entry?.kind === "lead" &&
    (entry.payload as LeadRecord).email.toLowerCase() === email.toLowerCase();
  for await (const e of services.kv.list<OutboxEntry>({ prefix: prefixes.outbox })) {
    if (matches(e.value)) out.push({ key: e.key, lead: e.value.payload as LeadRecord });
  }
  for await (const e of services.kv.list<DeadLetter>({ prefix: prefixes.deadLetters })) {
    const entry = e.value.entry as OutboxEntry | undefined;
    if (matches(entry)) out.push({ key: e.key, lead: entry!.payload as LeadRecord });
  }
  return out;
}

const LEADS = `from leads where lower(email) = lower($1) and ${ownedBy(2)}`;
const TICKETS = "from tickets where lower(customer_email) = lower($1) and tenant_id = $2";

/** Exports what the workspace holds about `email` (audited). */
export async function exportPerson(
  services: Pick<Services, "kv" | "db" | "jobs">,
  r: PrivacyRequest,
): Promise<PersonExport> {
  const params = [r.email, r.scope.tenantId, r.scope.site];
  const [leads, notes, notifications, pending, tickets] = await Promise.all([
    services.db.query(`select * ${LEADS} order by created_at`, params),
    services.db.query(
      `select n.lead_id, n.body, n.created_at from lead_notes n
       where n.lead_id in (select id ${LEADS}) order by n.created_at`,
      params,
    ),
    services.db.query(
      `select lead_id, channel, status, attempts, created_at, delivered_at from notifications
       where lead_id in (select id ${LEADS}) order by created_at`,
      params,
    ),
    pendingLeads(services, r.scope, r.email),
    services.db.query(
      `select id, external_id, customer_name, customer_email, subject, body, category,
         corrected_category, priority, sentiment, draft_reply, auto_answered, created_at ${TICKETS}
       order by created_at`,
      params.slice(0, 2),
    ),
  ]);
  await recordAudit(services, {
    actorId: r.actorId,
    tenantId: r.scope.tenantId,
    action: "privacy.exported",
    target: `privacy_request:${crypto.randomUUID()}`,
    requestId: r.requestId,
    diff: { leads: leads.length, pending: pending.length, tickets: tickets.length },
  });
  return {
    email: r.email,
    leads,
    notes,
    notifications,
    pending: pending.map((p) => p.lead),
    tickets,
  };
}

/** Erases what the workspace holds about `email`; returns the counts (audited, without it). */
export async function erasePerson(
  services: Pick<Services, "kv" | "db" | "jobs">,
  r: PrivacyRequest,
): Promise<{ erasureId: string; leads: number; pending: number; tickets: number }> {
  const pending = await pendingLeads(services, r.scope, r.email);
  for (const p of pending) await services.kv.delete(p.key);
  const [row] = await services.db.query<{ n: number }>(
    `with gone as (delete ${LEADS} returning 1) select count(*)::int as n from gone`,
    [r.email, r.scope.tenantId, r.scope.site],
  );
  const [ticketRow] = await services.db.query<{ n: number }>(
    `with gone as (delete ${TICKETS} returning 1) select count(*)::int as n from gone`,
    [r.email, r.scope.tenantId],
  );
  const erasureId = crypto.randomUUID();
  await recordAudit(services, {
    actorId: r.actorId,
    tenantId: r.scope.tenantId,
    action: "privacy.erased",
    target: `privacy_request:${erasureId}`,
    requestId: r.requestId,
    diff: { leads: row.n, pending: pending.length, tickets: ticketRow.n },
  });
  return { erasureId, leads: row.n, pending: pending.length, tickets: ticketRow.n };
}
