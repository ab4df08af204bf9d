/**
 * The audit chain's anchor outside PostgreSQL: after every append the newest row's id and hash
 * go to KV (`["audit_heads", schema]`, only ever moving forward) and to the log, so removing the
 * newest rows with database access alone is detected by the verifier, and by the log.
 */
import { auditHeadKey } from "../../kv/keys.ts";
import { logger } from "../telemetry/log.ts";

/** The newest anchored row. */
export interface AuditAnchor {
  id: number;
  hash: string;
  at: string;
}

/**
 * Records `head` as the chain's newest row unless a newer one is anchored already. A lost
 * compare-and-set means another append moved the anchor forward, so the loop ends once the
 * anchor reaches `head` or this write lands (no fixed retry cap that a burst of appends could
 * exhaust and leave an older row anchored).
 */
export async function anchorAuditHead(
  kv: Deno.Kv,
  schema: string,
  head: { id: number; hash: string },
): Promise<void> {
  const key = auditHeadKey(schema);
  for (;;) {
    const now = await kv.get<AuditAnchor>(key);
    if (now.value && now.value.id >= head.id) return;
    const anchor: AuditAnchor = { id: head.id, hash: head.hash, at: new Date().toISOString() };
    if ((await kv.atomic().check(now).set(key, anchor).commit()).ok) {
      logger.info("audit head", { auditHeadId: head.id, auditHeadHash: head.hash });
      return;
    }
  }
}

/** The anchored head of `schema`'s chain, or null when nothing was anchored yet. */
export async function readAuditAnchor(kv: Deno.Kv, schema: string): Promise<AuditAnchor | null> {
  return (await kv.get<AuditAnchor>(auditHeadKey(schema))).value;
}
