/** Moves audit events from the KV outbox into `audit_log`, sealed and anchored. */
import { registerOutboxSink } from "../outbox/outbox.ts";
import { appendAuditEvent } from "./append.ts";
import type { AuditEvent } from "./record.ts";

/** Outbox kind of audit events. */
export const AUDIT_KIND = "audit";

registerOutboxSink(AUDIT_KIND, async (services, entry) => {
  await appendAuditEvent(services, entry.id, entry.payload as AuditEvent);
});
