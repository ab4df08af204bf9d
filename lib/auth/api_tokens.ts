/**
 * Workspace API tokens (`rly_...`): shown once at creation, stored as a SHA-256 digest,
 * revocable, optionally expiring. A token acts for the member who made it, in its workspace,
 * with the `member` role, and stops working when revoked, expired, or when that member leaves.
 */
import type { Db } from "../db/types.ts";
import { randomSecret, sha256Hex } from "./hash.ts";
import type { AuthUser, AuthWorkspace } from "./types.ts";

/** Every token starts with this, so leaked tokens are easy to recognise and scan for. */
export const TOKEN_PREFIX = "rly_";

/** A token as listed on the tokens page (never the secret). */
export interface ApiTokenInfo {
  id: string;
  name: string;
  /** The first characters of the token, to recognise it. */
  prefix: string;
  createdBy: string | null;
  createdByEmail: string | null;
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** Creates a token; the returned `token` is the only time the secret is available. */
export async function createApiToken(
  db: Db,
  input: { tenantId: string; userId: string; name: string; expiresAt: Date | null },
): Promise<{ id: string; token: string }> {
  const token = `${TOKEN_PREFIX}${randomSecret()}`;
  const rows = await db.query<{ id: string }>(
    `insert into api_tokens (tenant_id, created_by, name, token_hash, prefix, expires_at)
     values ($1, $2, $3, $4, $5, $6) returning id`,
    [
      input.tenantId,
      input.userId,
      input.name,
      await sha256Hex(token),
      token.slice(0, TOKEN_PREFIX.length + 6),
      input.expiresAt,
    ],
  );
  return { id: rows[0].id, token };
}

/** A workspace's tokens, newest first. */
export async function listApiTokens(db: Db, tenantId: string): Promise<ApiTokenInfo[]> {
  const rows = await db.query<Record<string, unknown>>(
    `select a.id, a.name, a.prefix, a.created_by, u.email, a.created_at, a.expires_at,
            a.last_used_at, a.revoked_at
       from api_tokens a left join users u on u.id = a.created_by
      where a.tenant_id = $1 order by a.created_at desc, a.id`,
    [tenantId],
  );
  return rows.map((r) => ({
    id: String(r.id),
    name: String(r.name),
    prefix: String(r.prefix),
    createdBy: (r.created_by as string | null) ?? null,
    createdByEmail: (r.email as string | null) ?? null,
    createdAt: r.created_at as Date,
    expiresAt: (r.expires_at as Date | null) ?? null,
    lastUsedAt: (r.last_used_at as Date | null) ?? null,
    revokedAt: (r.revoked_at as Date | null) ?? null,
  }));
}

/** Revokes a token of this workspace; returns its name, or null when there is no such token. */
export async function revokeApiToken(
  db: Db,
  tenantId: string,
  tokenId: string,
): Promise<string | null> {
  if (!/^[0-9a-f-]{36}$/i.test(tokenId)) return null;
  const rows = await db.query<{ name: string }>(
    `update api_tokens set revoked_at = coalesce(revoked_at, now())
      where id = $1::uuid and tenant_id = $2 returning name`,
    [tokenId, tenantId],
  );
  return rows[0]?.name ?? null;
}

/** Who a presented token acts for, or null when it is unknown, revoked, expired or orphaned. */
export async function verifyApiToken(
  db: Db,
  token: string,
): Promise<{ tokenId: string; user: AuthUser; workspace: AuthWorkspace } | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
  const rows = await db.query<Record<string, string>>(
    `select a.id as token_id, u.id as user_id, u.email, u.name as user_name,
            t.id as tenant_id, t.slug, t.name as tenant_name, t.plan
       from api_tokens a
       join memberships m on m.tenant_id = a.tenant_id and m.user_id = a.created_by
       join users u on u.id = a.created_by
       join tenants t on t.id = a.tenant_id
      where a.token_hash = $1 and a.revoked_at is null
        and (a.expires_at is null or a.expires_at > now())`,
    [await sha256Hex(token)],
  );
  const r = rows[0];
  if (!r) return null;
  await db.query(
    `update api_tokens set last_used_at = now()
      where id = $1 and (last_used_at is null or last_used_at < now() - interval '1 minute')`,
    [r.token_id],
  );
  return {
    tokenId: r.token_id,
    user: { id: r.user_id, email: r.email, name: r.user_name ?? null },
    workspace: { id: r.tenant_id, slug: r.slug, name: r.tenant_name, plan: r.plan, role: "member" },
  };
}
