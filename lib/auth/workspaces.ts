/** Workspaces (the `tenants` table) and memberships: lookups and the personal workspace. */
import type { Db } from "../db/types.ts";
import { forgetIdentities } from "./identity_changes.ts";
import type { AuthUser, AuthWorkspace, Role } from "./types.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface WorkspaceRow {
  id: string;
  slug: string;
  name: string;
  plan: string;
  role: Role;
}

const toWorkspace = (r: WorkspaceRow): AuthWorkspace => ({
  id: r.id,
  slug: r.slug,
  name: r.name,
  plan: r.plan,
  role: r.role,
});

/** The `tenants.slug` check: no lookup is made for anything else (a NUL would fail the query). */
const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;

/**
 * A user's membership in the workspace named by slug or id, or null (also when none exists or
 * the name cannot be a slug).
 */
export async function workspaceForUser(
  db: Db,
  userId: string,
  slugOrId: string,
): Promise<AuthWorkspace | null> {
  const byId = UUID.test(slugOrId);
  if (!byId && !SLUG.test(slugOrId)) return null;
  const rows = await db.query<WorkspaceRow>(
    `select t.id, t.slug, t.name, t.plan, m.role from memberships m
       join tenants t on t.id = m.tenant_id
      where m.user_id = $1 and ${byId ? "t.id = $2::uuid" : "t.slug = $2"}`,
    [userId, byId ? slugOrId.toLowerCase() : slugOrId],
  );
  return rows[0] ? toWorkspace(rows[0]) : null;
}

/** Every workspace a user belongs to, oldest membership first. */
export async function listUserWorkspaces(db: Db, userId: string): Promise<AuthWorkspace[]> {
  const rows = await db.query<WorkspaceRow>(
    `select t.id, t.slug, t.name, t.plan, m.role from memberships m
       join tenants t on t.id = m.tenant_id
      where m.user_id = $1 order by m.created_at, t.slug`,
    [userId],
  );
  return rows.map(toWorkspace);
}

/**
 * The user, their workspace and every workspace they belong to (oldest membership first), for
 * a session, in one query: the session's workspace while they are still a member of it, else
 * their first workspace (null when they have none). Null when the user is gone.
 */
export async function loadIdentity(
  db: Db,
  userId: string,
  workspaceId: string | null,
): Promise<
  { user: AuthUser; workspace: AuthWorkspace | null; workspaces: AuthWorkspace[] } | null
> {
  const rows = await db.query<
    { user_id: string; email: string; user_name: string } & Partial<WorkspaceRow>
  >(
    `select u.id as user_id, u.email, u.name as user_name,
            t.id, t.slug, t.name, t.plan, m.role
       from users u
       left join memberships m on m.user_id = u.id
       left join tenants t on t.id = m.tenant_id
      where u.id = $1
      order by m.created_at, t.slug`,
    [userId],
  );
  if (!rows[0]) return null;
  const user: AuthUser = { id: rows[0].user_id, email: rows[0].email, name: rows[0].user_name };
  const workspaces = rows.filter((r) => r.id).map((r) => toWorkspace(r as WorkspaceRow));
  const current = workspaceId
    ? workspaces.find((w) => w.id === workspaceId.toLowerCase())
    : undefined;
  return { user, workspace: current ?? workspaces[0] ?? null, workspaces };
}

/** A URL-safe slug from free text (lower-case letters, digits and dashes). */
export function slugify(text: string): string {
  const s = text.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "").slice(0, 40).replace(/-+$/, "");
  return s || "workspace";
}

/** Creates a workspace owned by `userId`, with a unique slug derived from `slugBase`. */
export async function createWorkspace(
  db: Db,
  userId: string,
  name: string,
  slugBase: string = name,
): Promise<AuthWorkspace> {
  const base = slugify(slugBase);
  for (let attempt = 0;; attempt++) {
    const suffix = attempt === 0 ? "" : `-${crypto.randomUUID().slice(0, 6)}`;
    const rows = await db.query<WorkspaceRow>(
      `insert into tenants (name, slug) values ($1, $2)
       on conflict (slug) do nothing returning id, slug, name, plan, 'owner' as role`,
      [name, `${base}${suffix}`],
    );
    if (rows[0]) {
      await db.query(
        "insert into memberships (tenant_id, user_id, role) values ($1, $2, 'owner')",
        [rows[0].id, userId],
      );
      forgetIdentities();
      return toWorkspace(rows[0]);
    }
    if (attempt >= 5) throw new Error("could not find a free workspace slug");
  }
}

/** The personal workspace made at a user's first sign-in ("ada's workspace", slug "ada"). */
export function createPersonalWorkspace(db: Db, user: AuthUser): Promise<AuthWorkspace> {
  const local = user.email.split("@")[0];
  return createWorkspace(db, user.id, `${user.name || local}'s workspace`, local);
}
