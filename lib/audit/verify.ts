/**
 * Verifies the audit chain: every row's hash matches its content, every row's prev_hash is the
 * hash of the row before it (or, for the first row after a purge, the last removed hash that
 * the newest checkpoint row holds), every row from the first sealed one on carries a valid seal
 * (HMAC under an `AUDIT_KEYS` key, so a chain recomputed inside the database fails), the last
 * row is the chain head, and the row anchored in KV is still there, unchanged. Names the first
 * bad row.
 */
import type { Db } from "../db/types.ts";
import type { Services } from "../services.ts";
import { type AuditAnchor, readAuditAnchor } from "./anchor.ts";
import { checkAuditSeal } from "./seal.ts";

/** The outcome of a verification. */
export interface AuditVerification {
  ok: boolean;
  /** Rows checked. */
  rows: number;
  /** Rows before the first sealed one (written before the chain was keyed). */
  unsealed?: number;
  /** The first row that does not verify, and why. */
  firstBad?: { id: number; reason: string };
}

/** What a verification checks seals and the tail against. */
export interface VerifyOptions {
  /** `AUDIT_KEYS`: every key rows may be sealed with. */
  keys: readonly string[];
  /** The head anchored outside the database (KV), if any. */
  anchor?: AuditAnchor | null;
}

interface Row {
  id: number;
  action: string;
  prev_hash: string | null;
  hash: string;
  expected: string;
  mac: string | null;
  key_id: string | null;
}

const BATCH = 1000;

async function checkpoint(db: Db): Promise<{ throughId: number; hash: string } | null> {
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
export async function verifyAuditChain(
  db: Db,
  { keys, anchor = null }: VerifyOptions,
): Promise<AuditVerification> {
  const [head] = await db.query<{ last_id: number; hash: string }>(
    "select last_id, hash from audit_log_head",
  );
  const start = await checkpoint(db);
  let expectedPrev: string | null = start?.hash ?? null;
  let after = 0;
  let rows = 0;
  let unsealed = 0;
  let last: Row | undefined;
  let anchored: Row | undefined;
  while (true) {
    const batch = await db.query<Row>(
      `select id, action, prev_hash, hash, mac, key_id,
         audit_log_row_hash(prev_hash, id, at, actor_id, tenant_id, action, target, request_id,
           diff) as expected
       from audit_log where id > $1 and id <= $2 order by id limit ${BATCH}`,
      [after, head?.last_id ?? 0],
    );
    for (const row of batch) {
      row.id = Number(row.id);
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
      const problem = await sealProblem(keys, row, rows > unsealed);
      if (problem === "unsealed") unsealed++;
      else if (problem) return bad(rows, row.id, problem);
      if (anchor && row.id === anchor.id) anchored = row;
      expectedPrev = row.hash;
      rows++;
      last = row;
    }
    if (batch.length < BATCH) break;
    after = batch[batch.length - 1].id;
  }
  if (head && (!last || Number(head.last_id) !== last.id || head.hash !== last.hash)) {
    return bad(rows, Number(head.last_id), "the newest rows were removed (chain head is missing)");
  }
  if (anchor && !(start && anchor.id <= start.throughId)) {
    if (!anchored) {
      return bad(
        rows,
        anchor.id,
        `row ${anchor.id}, the head anchored outside the database, is missing: the newest rows were removed`,
      );
    }
    if (anchored.hash !== anchor.hash) {
      return bad(rows, anchor.id, "the row differs from the head anchored outside the database");
    }
    if (anchored.mac === null) {
      return bad(rows, anchor.id, "the head anchored outside the database lost its seal");
    }
  }
  return unsealed ? { ok: true, rows, unsealed } : { ok: true, rows };
}

/** Null when the seal verifies; "unsealed" for a row before the first sealed one. */
async function sealProblem(
  keys: readonly string[],
  row: Row,
  sealedBefore: boolean,
): Promise<string | null> {
  if (row.mac === null || row.key_id === null) {
    return sealedBefore
      ? "the row is not sealed: it was written or changed without the audit key"
      : "unsealed";
  }
  const check = await checkAuditSeal(keys, row.hash, { mac: row.mac, keyId: row.key_id });
  if (check === "unknown_key") {
    return `sealed with key ${row.key_id}, which is not in AUDIT_KEYS (keep retired keys listed)`;
  }
  return check === "ok"
    ? null
    : "the seal does not match: the chain was rewritten without the audit key";
}

function bad(rows: number, id: number, reason: string): AuditVerification {
  return { ok: false, rows, firstBad: { id, reason } };
}

/** Verifies the chain of `services.db` with the configured keys and the KV anchor. */
export async function verifyAuditTrail(
  services: Pick<Services, "db" | "kv"> & {
    settings: Pick<Services["settings"], "auditKeys" | "databaseSchema">;
  },
): Promise<AuditVerification> {
  const anchor = await readAuditAnchor(services.kv, services.settings.databaseSchema);
  return await verifyAuditChain(services.db, { keys: services.settings.auditKeys, anchor });
}
