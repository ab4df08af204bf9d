/**
 * `recordAudit`: the one way to append to the audit trail. The event goes to the KV outbox
 * first (so it survives a Postgres outage) and a queue worker appends it to `audit_log`, where
 * a trigger chains it to the previous row by hash. Audit rows carry ids, never personal data
 * (no emails, names or message text): erasing a person must leave the chain intact.
 */
import { z } from "zod";
import { writeOutbox } from "../outbox/outbox.ts";
import type { Services } from "../services.ts";
import { AUDIT_KIND } from "./sink.ts";

/** What happened, by whom, to what; ids only. */
export interface AuditInput {
  /** The user (or API token, or "system") that acted. */
  actorId?: string | null;
  /** The workspace (tenant uuid) it happened in. */
  tenantId?: string | null;
  /** Dotted verb, e.g. "auth.sign_in", "member.role_changed", "lead.status_changed". */
  action: string;
  /** What it happened to, e.g. "user:<id>", "lead:<id>". */
  target?: string | null;
  requestId?: string | null;
  /** Before/after of the changed fields (ids and enums, no personal data). */
  diff?: unknown;
}

/** An audit event as stored in the outbox. */
export interface AuditEvent {
  at: string;
  actorId: string | null;
  tenantId: string | null;
  action: string;
  target: string | null;
  requestId: string | null;
  diff?: unknown;
}

/** Actions only the database may write. */
const RESERVED = new Set(["audit.checkpoint"]);

const schema = z.object({
  actorId: z.string().max(200).nullish(),
  tenantId: z.uuid("tenantId must be a workspace uuid").nullish(),
  action: z.string().regex(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/, "action must be dotted.snake_case")
    .refine((a) => !RESERVED.has(a), "action is reserved"),
  target: z.string().max(500).nullish(),
  requestId: z.string().max(200).nullish(),
  diff: z.unknown().optional(),
});

/**
 * Appends an audit event (durably: KV outbox, then Postgres). Throws on malformed input (a
 * programming error); never blocks on Postgres.
 */
export async function recordAudit(
  services: Pick<Services, "kv" | "jobs">,
  input: AuditInput,
): Promise<void> {
  const e = schema.parse(input);
  const event: AuditEvent = {
    at: new Date().toISOString(),
    actorId: e.actorId ?? null,
    tenantId: e.tenantId ?? null,
    action: e.action,
    target: e.target ?? null,
    requestId: e.requestId ?? null,
    ...(e.diff === undefined ? {} : { diff: JSON.parse(JSON.stringify(e.diff)) }),
  };
  await writeOutbox(services, AUDIT_KIND, event);
}
