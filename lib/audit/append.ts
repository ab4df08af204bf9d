/**
 * Appends to the audit chain from the app: the insert (the database trigger orders and hashes
 * the row), its seal with the newest audit key in the same transaction, then the anchor in KV
 * and the log. The retention purge goes through here too, so its checkpoint row is sealed.
 */
import type { Db } from "../db/types.ts";
import type { Services } from "../services.ts";
import { anchorAuditHead } from "./anchor.ts";
import type { AuditEvent } from "./record.ts";
import { sealAuditHash } from "./seal.ts";

/** What appending needs: the database, KV for the anchor, the keys and the schema. */
export type AuditServices = Pick<Services, "db" | "kv"> & {
  settings: Pick<Services["settings"], "auditKeys" | "databaseSchema">;
};

interface Head {
  id: number;
  hash: string;
}

async function seal(tx: Db, keys: readonly string[], row: Head): Promise<Head> {
  const s = await sealAuditHash(keys, row.hash);
  await tx.query("update audit_log set mac = $1, key_id = $2 where id = $3 and mac is null", [
    s.mac,
    s.keyId,
    row.id,
  ]);
  return { id: Number(row.id), hash: row.hash };
}

/**
 * Appends `event` under `eventId` (an id already in the log is skipped: returns false), sealed
 * and anchored.
 */
export async function appendAuditEvent(
  services: AuditServices,
  eventId: string,
  e: AuditEvent,
): Promise<boolean> {
  const { db, kv, settings } = services;
  const head = await db.transaction(async (tx) => {
    const [row] = await tx.query<Head>(
      `insert into audit_log (event_id, at, actor_id, tenant_id, action, target, request_id, diff)
       values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict (event_id) do nothing
       returning id, hash`,
      [
        eventId,
        e.at,
        e.actorId,
        e.tenantId,
        e.action,
        e.target,
        e.requestId,
        e.diff === undefined ? null : e.diff,
      ],
    );
    return row ? await seal(tx, settings.auditKeys, row) : null;
  });
  if (head) await anchorAuditHead(kv, settings.databaseSchema, head);
  return head !== null;
}

/**
 * Removes whole months before `before` with `audit_log_purge` and seals the checkpoint row it
 * appends. Returns the number of rows removed.
 */
export async function purgeAuditLog(services: AuditServices, before: Date): Promise<number> {
  const { db, kv, settings } = services;
  const result = await db.transaction(async (tx) => {
    const [{ n }] = await tx.query<{ n: number }>(
      "select audit_log_purge($1::timestamptz)::int as n",
      [before],
    );
    if (Number(n) === 0) return { n: 0, head: null };
    const [checkpoint] = await tx.query<Head>(
      "select id, hash from audit_log where action = 'audit.checkpoint' order by id desc limit 1",
    );
    return { n: Number(n), head: await seal(tx, settings.auditKeys, checkpoint) };
  });
  if (result.head) await anchorAuditHead(kv, settings.databaseSchema, result.head);
  return result.n;
}
