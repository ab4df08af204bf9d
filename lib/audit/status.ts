/**
 * What the dashboard shows about the pipeline's guarantees: whether the audit chain verifies
 * (and its first bad row), how many writes wait in the outbox, and the notification dead letters.
 */
import { listNotifyDeadLetters } from "../notify/lead_notifications.ts";
import { outboxDepth } from "../outbox/outbox.ts";
import type { Services } from "../services.ts";
import { type AuditVerification, verifyAuditTrail } from "./verify.ts";

/** The pipeline's status. */
export interface PipelineStatus {
  audit: AuditVerification;
  outboxDepth: number;
  notifyDeadLetters: number;
}

/** Reads the pipeline's status (verification reads the whole chain: call it on demand). */
export async function pipelineStatus(
  services: Pick<Services, "db" | "kv" | "settings">,
): Promise<PipelineStatus> {
  const [audit, depth, dead] = await Promise.all([
    verifyAuditTrail(services),
    outboxDepth(services),
    listNotifyDeadLetters(services.kv, 1000),
  ]);
  return { audit, outboxDepth: depth, notifyDeadLetters: dead.length };
}
