/** A workspace's audit trail for the Audit log page, newest first, paginated by row id. */
import type { Db } from "../db/types.ts";

/** One audit row as the page shows it. */
export interface AuditRow {
  id: number;
  at: Date;
  actorId: string | null;
  /** The acting member's e-mail, when the actor is a user who still exists. */
  actorEmail: string | null;
  action: string;
  target: string | null;
  requestId: string | null;
  diff: unknown;
}

/** A page of the workspace's audit rows older than `before` (a row id), and the next cursor. */
export async function listAudit(
  db: Db,
  tenantId: string,
  before: number | null,
  pageSize = 50,
): Promise<{ rows: AuditRow[]; next: number | null }> {
  const rows = await db.query<Record<string, unknown>>(
    `select a.id, a.at, a.actor_id, u.email, a.action, a.target, a.request_id, a.diff
       from audit_log a left join users u on u.id::text = a.actor_id
      where a.tenant_id = $1 and ($2::bigint is null or a.id < $2::bigint)
      order by a.id desc limit ${pageSize + 1}`,
    [tenantId, before],
  );
  const page = rows.slice(0, pageSize).map((r) => ({
    id: Number(r.id),
    at: new Date(r.at as string),
    actorId: (r.actor_id as string | null) ?? null,
    actorEmail: (r.email as string | null) ?? null,
    action: String(r.action),
    target: (r.target as string | null) ?? null,
    requestId: (r.request_id as string | null) ?? null,
    diff: r.diff ?? null,
  }));
  return { rows: page, next: rows.length > pageSize ? page.at(-1)!.id : null };
}
