/**
 * A workspace's ticket settings: its signing key (created or rotated on the dashboard, shown
 * once, kept sealed), the categories the agent's reply may be sent for without review, and the
 * Slack-compatible webhook urgent tickets alert (kept sealed too: such URLs carry a token).
 */
import type { Db } from "../db/types.ts";
import { toBase64Url } from "../security/signing.ts";
import { seal, unseal } from "./seal.ts";

/** What the settings page shows (never the key or the alert URL themselves). */
export interface TicketSettings {
  keyPrefix: string | null;
  keyCreatedAt: Date | null;
  autoAnswer: string[];
  /** Host of the alert webhook, or null when urgent tickets alert no one. */
  alertHost: string | null;
}

interface Row {
  key_sealed: string | null;
  key_prefix: string | null;
  key_created_at: Date | null;
  auto_answer: string[];
  alert_url_sealed: string | null;
  alert_host: string | null;
}

async function row(db: Db, tenantId: string): Promise<Row | null> {
  const rows = await db.query<Row>(
    `select key_sealed, key_prefix, key_created_at, auto_answer, alert_url_sealed, alert_host
     from ticket_settings where tenant_id = $1`,
    [tenantId],
  );
  return rows[0] ?? null;
}

/** The workspace's settings (defaults when it never saved any). */
export async function readTicketSettings(db: Db, tenantId: string): Promise<TicketSettings> {
  const r = await row(db, tenantId);
  return {
    keyPrefix: r?.key_prefix ?? null,
    keyCreatedAt: r?.key_created_at ?? null,
    autoAnswer: r?.auto_answer ?? [],
    alertHost: r?.alert_host ?? null,
  };
}

type SealedColumn = "key_sealed" | "alert_url_sealed";

/** Opens a sealed column, sealing it again with the newest secret when an older one opened it. */
async function opened(
  db: Db,
  secrets: readonly string[],
  tenantId: string,
  column: SealedColumn,
): Promise<string | null> {
  const sealed = (await row(db, tenantId))?.[column];
  const open = sealed ? await unseal(secrets, sealed) : null;
  if (!open) return null;
  if (open.stale) {
    await db.query(
      `update ticket_settings set ${column} = $3 where tenant_id = $1 and ${column} = $2`,
      [tenantId, sealed, await seal(secrets, open.plain)],
    );
  }
  return open.plain;
}

/** The workspace's signing key in clear, or null when it has none (or it cannot be opened). */
export function signingKey(
  db: Db,
  secrets: readonly string[],
  tenantId: string,
): Promise<string | null> {
  return opened(db, secrets, tenantId, "key_sealed");
}

/** The alert webhook URL in clear, or null. */
export function alertUrl(
  db: Db,
  secrets: readonly string[],
  tenantId: string,
): Promise<string | null> {
  return opened(db, secrets, tenantId, "alert_url_sealed");
}

/** Creates or replaces the signing key; returns it (the only time it is readable). */
export async function rotateSigningKey(
  db: Db,
  secrets: readonly string[],
  tenantId: string,
): Promise<{ key: string; prefix: string; replaced: boolean }> {
  const key = `rtk_${toBase64Url(crypto.getRandomValues(new Uint8Array(32)))}`;
  const prefix = key.slice(0, 10);
  const sealed = await seal(secrets, key);
  const replaced = await db.transaction(async (tx) => {
    const before = await row(tx, tenantId);
    await tx.query(
      `insert into ticket_settings (tenant_id, key_sealed, key_prefix, key_created_at)
       values ($1, $2, $3, now())
       on conflict (tenant_id) do update set key_sealed = excluded.key_sealed,
         key_prefix = excluded.key_prefix, key_created_at = now(), updated_at = now()`,
      [tenantId, sealed, prefix],
    );
    return !!before?.key_sealed;
  });
  return { key, prefix, replaced };
}

/** Stores the categories answered without review; returns the previous ones. */
export async function setAutoAnswer(
  db: Db,
  tenantId: string,
  categories: string[],
): Promise<string[]> {
  return await db.transaction(async (tx) => {
    const before = (await row(tx, tenantId))?.auto_answer ?? [];
    await tx.query(
      `insert into ticket_settings (tenant_id, auto_answer) values ($1, $2)
       on conflict (tenant_id) do update set auto_answer = excluded.auto_answer, updated_at = now()`,
      [tenantId, categories],
    );
    return before;
  });
}

/** Stores (or, with null, removes) the alert webhook URL. */
export async function setAlertUrl(
  db: Db,
  secrets: readonly string[],
  tenantId: string,
  url: string | null,
): Promise<void> {
  const sealed = url ? await seal(secrets, url) : null;
  await db.query(
    `insert into ticket_settings (tenant_id, alert_url_sealed, alert_host) values ($1, $2, $3)
     on conflict (tenant_id) do update set alert_url_sealed = excluded.alert_url_sealed,
       alert_host = excluded.alert_host, updated_at = now()`,
    [tenantId, sealed, url ? new URL(url).host : null],
  );
}
