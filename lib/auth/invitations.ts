/**
 * Invitations into a workspace: an owner or admin invites an address with a role; the invitee
 * gets a single-use link (only its SHA-256 is stored, valid 7 days) that signs them in (the
 * link proves the address) and adds them to the workspace.
 */
import type { Db } from "../db/types.ts";
import type { Services } from "../services.ts";
import { sendEmail } from "../notify/email.ts";
import { randomSecret, sha256Hex } from "./hash.ts";
import type { Role } from "./types.ts";
import { normalizeEmail } from "./users.ts";

/** How long an invitation link works. */
export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** A pending invitation as listed on the members page. */
export interface PendingInvitation {
  id: string;
  email: string;
  role: Role;
  createdAt: Date;
  expiresAt: Date;
}

/** What an invitation link opens. */
export interface InvitationTarget {
  id: string;
  tenantId: string;
  workspaceName: string;
  workspaceSlug: string;
  email: string;
  role: Role;
}

/** Creates an invitation and mails its link; returns the invitation id. */
export async function inviteMember(
  services: Pick<Services, "db" | "kv" | "settings">,
  input: {
    tenantId: string;
    workspaceName: string;
    email: string;
    role: Role;
    invitedBy: string;
    origin: string;
  },
): Promise<string> {
  const token = randomSecret();
  const rows = await services.db.query<{ id: string }>(
    `insert into invitations (tenant_id, email, role, invited_by, token_hash, expires_at)
     values ($1, $2, $3, $4, $5, $6) returning id`,
    [
      input.tenantId,
      normalizeEmail(input.email),
      input.role,
      input.invitedBy,
      await sha256Hex(token),
      new Date(Date.now() + INVITATION_TTL_MS),
    ],
  );
  const url = `${input.origin}/signin/invite?token=${encodeURIComponent(token)}`;
  const workspace = input.workspaceName.replace(/[\r\n]+/g, " ").slice(0, 100);
  await sendEmail(services, {
    to: normalizeEmail(input.email),
    subject: `You are invited to ${workspace} on Relay`,
    text: [
      "Hello,",
      "",
      `You have been invited to join the workspace "${workspace}" on Relay as ${input.role}.`,
      "Open this link to accept (it works once, for 7 days):",
      "",
      url,
    ].join("\n"),
  });
  return rows[0].id;
}

/** The pending (not accepted, revoked or expired) invitations of a workspace. */
export async function listInvitations(db: Db, tenantId: string): Promise<PendingInvitation[]> {
  const rows = await db.query<Record<string, unknown>>(
    `select id, email, role, created_at, expires_at from invitations
      where tenant_id = $1 and accepted_at is null and revoked_at is null and expires_at > now()
      order by created_at desc`,
    [tenantId],
  );
  return rows.map((r) => ({
    id: String(r.id),
    email: String(r.email),
    role: r.role as Role,
    createdAt: r.created_at as Date,
    expiresAt: r.expires_at as Date,
  }));
}

/** Revokes a pending invitation of this workspace; false when there is none. */
export async function revokeInvitation(db: Db, tenantId: string, id: string): Promise<boolean> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return false;
  const rows = await db.query(
    `update invitations set revoked_at = now()
      where id = $1::uuid and tenant_id = $2 and accepted_at is null and revoked_at is null
      returning id`,
    [id, tenantId],
  );
  return rows.length > 0;
}

const TOKEN = /^[A-Za-z0-9_-]{20,100}$/;

/** The usable invitation behind a link (without using it), or null. */
export async function findInvitation(db: Db, token: string): Promise<InvitationTarget | null> {
  if (!TOKEN.test(token)) return null;
  const rows = await db.query<Record<string, string>>(
    `select i.id, i.tenant_id, t.name, t.slug, i.email, i.role
       from invitations i join tenants t on t.id = i.tenant_id
      where i.token_hash = $1 and i.accepted_at is null and i.revoked_at is null
        and i.expires_at > now()`,
    [await sha256Hex(token)],
  );
  const r = rows[0];
  return r
    ? {
      id: r.id,
      tenantId: r.tenant_id,
      workspaceName: r.name,
      workspaceSlug: r.slug,
      email: r.email,
      role: r.role as Role,
    }
    : null;
}

/** Uses an invitation link once: marks it accepted and returns it, or null. */
export async function acceptInvitation(db: Db, token: string): Promise<InvitationTarget | null> {
  const found = await findInvitation(db, token);
  if (!found) return null;
  const rows = await db.query(
    `update invitations set accepted_at = now()
      where id = $1 and accepted_at is null and revoked_at is null and expires_at > now()
      returning id`,
    [found.id],
  );
  return rows.length ? found : null;
}
