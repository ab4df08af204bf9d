/** Moves audit events from the KV outbox into `audit_log` (the database trigger chains them). */
import { registerOutboxSink } from "../outbox/outbox.ts";
import type { AuditEvent } from "./record.ts";

/** Outbox kind of audit events. */
export const AUDIT_KIND = "audit";

registerOutboxSink(AUDIT_KIND, async (services, entry) => {
  const e = entry.payload as AuditEvent;
  await services.db.query(
    `insert into audit_log (event_id, at, actor_id, tenant_id, action, target, request_id, diff)
     values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict (event_id) do nothing`,
    [
      entry.id,
      e.at,
      e.actorId,
      e.tenantId,
      e.action,
      e.target,
      e.requestId,
      e.diff === undefined ? null : e.diff,
    ],
  );
});
