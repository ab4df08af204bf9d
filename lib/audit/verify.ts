/**
 * Verifies the audit chain: every row's hash matches its content, every row's prev_hash is the
 * hash of the row before it (or, for the first row after a purge, the last removed hash that
 * the newest checkpoint row holds), and the last row is the chain head. Names the first bad row.
 */
import type { Db } from "../db/types.ts";

/** The outcome of a verification. */
export interface AuditVerification {
  ok: boolean;
  /** Rows checked. */
  rows: number;
  /** The first row that does not verify, and why. */
  firstBad?: { id: number; reason: string };
}

interface Row {
  id: number;
  action: string;
  prev_hash: string | null;
  hash: string;
  expected: string;
}

const BATCH = 1000;

async function anchor(db: Db): Promise<{ throughId: number; hash: string } | null> {
  const [cp] = await db.query<{ through_id: string; last_hash: string }>(
    `select diff->>'throughId' as through_id, diff->>'lastRemovedHash' as last_hash
     from audit_log where action = 'audit.checkpoint'
     order by (diff->>'throughId')::bigint desc limit 1`,
  );
  return cp ? { throughId: Number(cp.through_id), hash: cp.last_hash } : null;
}

/**
 * Checks the whole chain in id order, in batches. Rows appended while it runs are left for the
 * next check: it reads the head first and stops there (ids are taken under the chain lock, so
 * every row up to the head was committed when the head was read).
 */
export async function verifyAuditChain(db: Db): Promise<AuditVerification> {
  const [head] = await db.query<{ last_id: number; hash: string }>(
    "select last_id, hash from audit_log_head",
  );
  const start = await anchor(db);
  let expectedPrev: string | null = start?.hash ?? null;
  let after = 0;
  let rows = 0;
  let last: Row | undefined;
  while (true) {
    const batch = await db.query<Row>(
      `select id, action, prev_hash, hash, audit_log_row_hash(prev_hash, id, at, actor_id,
         tenant_id, action, target, request_id, diff) as expected
       from audit_log where id > $1 and id <= $2 order by id limit ${BATCH}`,
      [after, head?.last_id ?? 0],
    );
    for (const row of batch) {
      if (rows === 0 && start && row.id <= start.throughId) {
        return bad(rows, row.id, `row is older than the newest checkpoint (${start.throughId})`);
      }
      if (row.prev_hash !== expectedPrev) {
        return bad(
          rows,
          row.id,
          rows === 0
            ? "first row does not continue from the newest checkpoint: rows were removed"
            : "prev_hash does not match the previous row: a row was removed or reordered",
        );
      }
      if (row.hash !== row.expected) {
        return bad(rows, row.id, "content does not match its hash: the row was changed");
      }
      expectedPrev = row.hash;
      rows++;
      last = row;
    }
    if (batch.length < BATCH) break;
    after = batch[batch.length - 1].id;
  }
  if (head && (!last || head.last_id !== last.id || head.hash !== last.hash)) {
    return bad(rows, head.last_id, "the newest rows were removed (chain head is missing)");
  }
  return { ok: true, rows };
}

function bad(rows: number, id: number, reason: string): AuditVerification {
  return { ok: false, rows, firstBad: { id, reason } };
}
