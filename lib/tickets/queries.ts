/**
 * What the dashboard reads and changes about a workspace's tickets: the list, one ticket with
 * its deliveries, an operator's category correction, and counts and accuracy per category.
 * Every query is scoped to the workspace: another workspace's ticket id finds nothing.
 */
import type { Db } from "../db/types.ts";

/** A ticket as the list shows it. */
export interface TicketSummary {
  id: string;
  subject: string | null;
  customerName: string | null;
  status: "queued" | "triaged" | "failed";
  category: string | null;
  correctedCategory: string | null;
  priority: string | null;
  sentiment: string | null;
  autoAnswered: boolean;
  createdAt: Date;
}

/** A delivery of a ticket (its urgent alert, its automatic reply). */
export interface TicketDelivery {
  kind: "alert" | "reply";
  status: "pending" | "sent" | "failed";
  attempts: number;
  lastError: string | null;
  deliveredAt: Date | null;
}

/** One ticket with everything triage found. */
export interface Ticket extends TicketSummary {
  externalId: string | null;
  customerEmail: string | null;
  body: string;
  hasReplyUrl: boolean;
  evidence: string[];
  docs: { title: string; section: string; url: string }[];
  draftReply: string | null;
  provider: string | null;
  model: string | null;
  error: string | null;
  correctedAt: Date | null;
  triagedAt: Date | null;
  deliveries: TicketDelivery[];
}

const SUMMARY = `id, subject, customer_name as "customerName", status, category,
  corrected_category as "correctedCategory", priority, sentiment,
  auto_answered as "autoAnswered", created_at as "createdAt"`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The workspace's newest tickets. */
export async function listTickets(db: Db, tenantId: string, limit = 100): Promise<TicketSummary[]> {
  return await db.query<TicketSummary>(
    `select ${SUMMARY} from tickets where tenant_id = $1 order by created_at desc limit $2`,
    [tenantId, limit],
  );
}

/** One ticket of the workspace, or null (also for a malformed id or another workspace's). */
export async function getTicket(db: Db, tenantId: string, id: string): Promise<Ticket | null> {
  if (!UUID.test(id)) return null;
  const [t] = await db.query<Omit<Ticket, "deliveries">>(
    `select ${SUMMARY}, external_id as "externalId", customer_email as "customerEmail", body,
       reply_url is not null as "hasReplyUrl", evidence, docs, draft_reply as "draftReply",
       provider, model, error, corrected_at as "correctedAt", triaged_at as "triagedAt"
     from tickets where tenant_id = $1 and id = $2`,
    [tenantId, id],
  );
  if (!t) return null;
  const deliveries = await db.query<TicketDelivery>(
    `select kind, status, attempts, last_error as "lastError", delivered_at as "deliveredAt"
     from ticket_deliveries where ticket_id = $1 order by kind`,
    [id],
  );
  return { ...t, deliveries };
}

/**
 * Sets the category an operator says is right (the agent's own stays stored beside it);
 * returns the category before, or null when the ticket is not this workspace's or not triaged.
 */
export async function correctCategory(
  db: Db,
  tenantId: string,
  id: string,
  category: string,
  userId: string,
): Promise<{ agent: string; before: string } | null> {
  if (!UUID.test(id)) return null;
  const rows = await db.query<{ agent: string; before: string }>(
    `with old as (select category, corrected_category from tickets
       where tenant_id = $1 and id = $2 and status = 'triaged' for update)
     update tickets t set corrected_category = $3, corrected_by = $4, corrected_at = now()
     from old where t.tenant_id = $1 and t.id = $2
     returning old.category as agent, coalesce(old.corrected_category, old.category) as before`,
    [tenantId, id, category, userId],
  );
  return rows[0] ?? null;
}

/** Counts and accuracy of one category the agent assigned. */
export interface CategoryStats {
  category: string;
  /** Triaged tickets the agent put in this category. */
  assigned: number;
  /** Of those, how many an operator reviewed (corrected, or confirmed by choosing the same). */
  reviewed: number;
  /** Of the reviewed, how many an operator moved to another category. */
  wrong: number;
  /** Tickets operators moved into this category from another. */
  movedIn: number;
  /** Share of reviewed tickets the agent got right, or null with none reviewed. */
  accuracy: number | null;
}

/** Counts and accuracy per category, from operators' corrections. */
export async function categoryStats(db: Db, tenantId: string): Promise<CategoryStats[]> {
  const rows = await db.query<{
    category: string;
    assigned: number;
    reviewed: number;
    wrong: number;
    moved_in: number;
  }>(
    `with t as (select category, corrected_category from tickets
       where tenant_id = $1 and status = 'triaged'),
     cats as (select category as c from t union select corrected_category from t
       where corrected_category is not null)
     select cats.c as category,
       (select count(*) from t where t.category = cats.c)::int as assigned,
       (select count(*) from t where t.category = cats.c and corrected_category is not null)::int
         as reviewed,
       (select count(*) from t where t.category = cats.c and corrected_category <> cats.c)::int
         as wrong,
       (select count(*) from t where corrected_category = cats.c and t.category <> cats.c)::int
         as moved_in
     from cats order by assigned desc, category`,
    [tenantId],
  );
  return rows.map((r) => ({
    category: r.category,
    assigned: r.assigned,
    reviewed: r.reviewed,
    wrong: r.wrong,
    movedIn: r.moved_in,
    accuracy: r.reviewed ? (r.reviewed - r.wrong) / r.reviewed : null,
  }));
}
