/**
 * Workspace members: listing, role changes and removal. Owners may do anything; admins may
 * manage admins and members but never touch owners or grant ownership. The last owner can be
 * neither removed nor demoted (checked under row locks, so two concurrent changes cannot both
 * pass).
 */
import type { Db } from "../db/types.ts";
import { forgetIdentities } from "./identity_changes.ts";
import type { Role } from "./types.ts";

/** A member as listed on the members page. */
export interface Member {
  userId: string;
  email: string;
  name: string | null;
  role: Role;
  joinedAt: Date;
}

/** Why a membership change was refused. */
export type MemberChangeError = "not_found" | "forbidden" | "last_owner";

/** A refused membership change. */
export class MemberChangeRefused extends Error {
  /** Builds the error for a reason. */
  constructor(readonly reason: MemberChangeError) {
    super(
      reason === "last_owner"
        ? "A workspace needs at least one owner: make someone else an owner first."
        : reason === "forbidden"
        ? "Your role does not allow this change."
        : "There is no such member.",
    );
    this.name = "MemberChangeRefused";
  }
}

/** Whether `actor` may change a member whose role is `target` (to `to`, when given). */
export function mayManage(actor: Role, target: Role, to?: Role): boolean {
  if (actor === "owner") return true;
  if (actor === "admin") return target !== "owner" && to !== "owner";
  return false;
}

/** The workspace's members: owners first, then by e-mail. */
export async function listMembers(db: Db, tenantId: string): Promise<Member[]> {
  const rows = await db.query<Record<string, unknown>>(
    `select u.id, u.email, u.name, m.role, m.created_at from memberships m
       join users u on u.id = m.user_id where m.tenant_id = $1
      order by case m.role when 'owner' then 0 when 'admin' then 1 else 2 end, lower(u.email)`,
    [tenantId],
  );
  return rows.map((r) => ({
    userId: String(r.id),
    email: String(r.email),
    name: (r.name as string | null) ?? null,
    role: r.role as Role,
    joinedAt: r.created_at as Date,
  }));
}

async function lockedRoles(tx: Db, tenantId: string): Promise<Map<string, Role>> {
  const rows = await tx.query<{ user_id: string; role: Role }>(
    "select user_id, role from memberships where tenant_id = $1 order by user_id for update",
    [tenantId],
  );
  return new Map(rows.map((r) => [r.user_id, r.role]));
}

function check(roles: Map<string, Role>, actor: Role, userId: string, to?: Role): Role {
  const current = roles.get(userId);
  if (!current) throw new MemberChangeRefused("not_found");
  if (!mayManage(actor, current, to)) throw new MemberChangeRefused("forbidden");
  const owners = [...roles.values()].filter((r) => r === "owner").length;
  if (current === "owner" && to !== "owner" && owners <= 1) {
    throw new MemberChangeRefused("last_owner");
  }
  return current;
}

/** Changes a member's role; returns the previous role. Throws {@link MemberChangeRefused}. */
export async function changeRole(
  db: Db,
  input: { tenantId: string; actorRole: Role; userId: string; role: Role },
): Promise<Role> {
  return await db.transaction(async (tx) => {
    const before = check(
      await lockedRoles(tx, input.tenantId),
      input.actorRole,
      input.userId,
      input.role,
    );
    await tx.query("update memberships set role = $3 where tenant_id = $1 and user_id = $2", [
      input.tenantId,
      input.userId,
      input.role,
    ]);
    return before;
  }).finally(forgetIdentities);
}

/** Removes a member; returns their role. Throws {@link MemberChangeRefused}. */
export async function removeMember(
  db: Db,
  input: { tenantId: string; actorRole: Role; userId: string },
): Promise<Role> {
  return await db.transaction(async (tx) => {
    const before = check(await lockedRoles(tx, input.tenantId), input.actorRole, input.userId);
    await tx.query("delete from memberships where tenant_id = $1 and user_id = $2", [
      input.tenantId,
      input.userId,
    ]);
    return before;
  }).finally(forgetIdentities);
}

/** Adds a member (or keeps their current role when they already belong). */
export async function addMember(db: Db, tenantId: string, userId: string, role: Role) {
  await db.query(
    `insert into memberships (tenant_id, user_id, role) values ($1, $2, $3)
     on conflict (tenant_id, user_id) do nothing`,
    [tenantId, userId, role],
  );
  forgetIdentities();
}
