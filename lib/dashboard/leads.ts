/**
 * Leads for the dashboard: a filtered, cursor-paginated list, one lead with its notes, status
 * changes and notes (both audited by the caller), and the CSV export. Reads the `leads` table
 * that the leads pipeline fills.
 */
import { z } from "zod";
import type { Db } from "../db/types.ts";
import { type Cursor, decodeCursor, encodeCursor } from "./cursor.ts";
import { type DataScope, ownedBy } from "./scope.ts";

/** Lead statuses (the `leads.status` check), in pipeline order. */
export const LEAD_STATUSES = ["new", "contacted", "qualified", "won", "lost", "spam"] as const;

/** One of {@link LEAD_STATUSES}. */
export type LeadStatus = typeof LEAD_STATUSES[number];

/** List filters from the query string (bad values are ignored). */
export const leadFiltersSchema = z.object({
  status: z.enum(LEAD_STATUSES).optional().catch(undefined),
  /** `fit`: best fit first (unqualified last); otherwise newest first. */
  sort: z.enum(["fit"]).optional().catch(undefined),
  cursor: z.string().max(300).optional(),
});

/** Validated list filters. */
export type LeadFilters = z.infer<typeof leadFiltersSchema>;

/** A lead as the dashboard shows it. */
export interface Lead {
  id: string;
  name: string;
  email: string;
  company: string | null;
  message: string | null;
  source: string | null;
  status: LeadStatus;
  consent: boolean;
  traceId: string | null;
  /** Sent without a captcha and not yet accepted: notifies no one and is not counted. */
  held: boolean;
  website: string | null;
  /** The qualification job's state (null: never queued). */
  qualificationStatus: "pending" | "running" | "qualified" | "failed" | null;
  qualificationError: string | null;
  fitScore: number | null;
  fitVerdict: string | null;
  fitReasons: string[];
  firmographics: Record<string, unknown> | null;
  qualifiedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** An operator's note on a lead. */
export interface LeadNote {
  id: string;
  body: string;
  authorEmail: string | null;
  createdAt: Date;
}

const COLUMNS = `id, name, email, company, message, source, status, consent, trace_id, held,
  created_at, updated_at, website, qualification_status, qualification_error, fit_score,
  fit_verdict, fit_reasons, firmographics, qualified_at`;

// deno-lint-ignore no-explicit-any
const toLead = (r: any): Lead => ({
  id: r.id,
  name: r.name,
  email: r.email,
  company: r.company,
  message: r.message,
  source: r.source,
  status: r.status,
  consent: Boolean(r.consent),
  traceId: r.trace_id,
  held: Boolean(r.held),
  createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
  website: r.website ?? null,
  qualificationStatus: r.qualification_status ?? null,
  qualificationError: r.qualification_error ?? null,
  fitScore: r.fit_score ?? null,
  fitVerdict: r.fit_verdict ?? null,
  fitReasons: Array.isArray(r.fit_reasons) ? r.fit_reasons : [],
  firmographics: r.firmographics ?? null,
  qualifiedAt: r.qualified_at ? new Date(r.qualified_at) : null,
});

/** A fit sort key: unqualified leads (no score) sort below every score. */
const FIT_KEY = "coalesce(fit_score, -1)";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One page of leads (newest or best fit first) and the next page's cursor (null at the end). */
export async function listLeads(
  db: Db,
  scope: DataScope,
  filters: LeadFilters,
  pageSize = 25,
): Promise<{ leads: Lead[]; next: string | null }> {
  const cursor: Cursor | null = decodeCursor(filters.cursor);
  const params: unknown[] = [scope.tenantId, scope.site];
  const where = [ownedBy(1)];
  if (filters.status) where.push(`status = $${params.push(filters.status)}`);
  const byFit = filters.sort === "fit";
  if (cursor && UUID.test(cursor.id)) {
    const at = `$${params.push(cursor.at)}::timestamptz`;
    const id = `$${params.push(cursor.id)}::uuid`;
    where.push(
      byFit
        ? `(${FIT_KEY}, created_at, id) < ($${params.push(cursor.fit ?? -1)}::int, ${at}, ${id})`
        : `(created_at, id) < (${at}, ${id})`,
    );
  }
  const rows = await db.query(
    `select ${COLUMNS} from leads where ${where.join(" and ")}
      order by ${byFit ? `${FIT_KEY} desc, ` : ""}created_at desc, id desc
      limit ${pageSize + 1}`,
    params,
  );
  const leads = rows.slice(0, pageSize).map(toLead);
  const last = leads.at(-1);
  return {
    leads,
    next: rows.length > pageSize && last
      ? encodeCursor({
        at: last.createdAt,
        id: last.id,
        ...(byFit ? { fit: last.fitScore ?? -1 } : {}),
      })
      : null,
  };
}

/** One lead of the scope, or null (also for another workspace's lead). */
export async function getLead(db: Db, scope: DataScope, id: string): Promise<Lead | null> {
  if (!UUID.test(id)) return null;
  const rows = await db.query(
    `select ${COLUMNS} from leads where ${ownedBy(1)} and id = $3::uuid`,
    [scope.tenantId, scope.site, id],
  );
  return rows[0] ? toLead(rows[0]) : null;
}

/** The notes on a lead, oldest first. */
export async function leadNotes(db: Db, leadId: string): Promise<LeadNote[]> {
  const rows = await db.query<Record<string, unknown>>(
    `select n.id, n.body, u.email, n.created_at from lead_notes n
       left join users u on u.id = n.author_id
      where n.lead_id = $1 order by n.created_at, n.id`,
    [leadId],
  );
  return rows.map((r) => ({
    id: String(r.id),
    body: String(r.body),
    authorEmail: (r.email as string | null) ?? null,
    createdAt: new Date(r.created_at as string),
  }));
}

/** Sets a lead's status; returns the previous one. */
export async function setLeadStatus(db: Db, leadId: string, status: LeadStatus): Promise<string> {
  const rows = await db.query<{ previous: string }>(
    `with old as (select status from leads where id = $1 for update)
     update leads set status = $2, updated_at = now() where id = $1
     returning (select status from old) as previous`,
    [leadId, status],
  );
  return rows[0]?.previous ?? status;
}

/** Adds a note to a lead (of `tenantId`, written by `authorId`); returns its id. */
export async function addLeadNote(
  db: Db,
  input: { leadId: string; tenantId: string; authorId: string; body: string },
): Promise<string> {
  const rows = await db.query<{ id: string }>(
    `insert into lead_notes (lead_id, tenant_id, author_id, body) values ($1, $2, $3, $4)
     returning id`,
    [input.leadId, input.tenantId, input.authorId, input.body],
  );
  return rows[0].id;
}

const FORMULA = /^[=+\-@\t\r]/;

/** One CSV field: quoted when needed, and spreadsheet formulas neutralised with a leading `'`. */
export function csvField(value: unknown): string {
  let s = value === null || value === undefined
    ? ""
    : value instanceof Date
    ? value.toISOString()
    : String(value);
  if (FORMULA.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

const CSV_COLUMNS: [string, keyof Lead][] = [
  ["id", "id"],
  ["created_at", "createdAt"],
  ["status", "status"],
  ["name", "name"],
  ["email", "email"],
  ["company", "company"],
  ["source", "source"],
  ["consent", "consent"],
  ["message", "message"],
  ["website", "website"],
  ["fit_score", "fitScore"],
  ["fit_verdict", "fitVerdict"],
];

/** Every lead of the scope (optionally of one status) as CSV lines with its fit, in batches. */
export async function* leadsCsv(
  db: Db,
  scope: DataScope,
  status?: LeadStatus,
): AsyncGenerator<string> {
  yield CSV_COLUMNS.map(([h]) => h).join(",") + "\r\n";
  let cursor: string | undefined;
  do {
    const page = await listLeads(db, scope, { status, cursor }, 500);
    for (const lead of page.leads) {
      yield CSV_COLUMNS.map(([, k]) => csvField(lead[k])).join(",") + "\r\n";
    }
    cursor = page.next ?? undefined;
  } while (cursor);
}
