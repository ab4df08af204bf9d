/** Users and their linked OAuth/OIDC identities. A user's first sign-in creates them. */
import type { Db } from "../db/types.ts";
import type { AuthUser, AuthWorkspace } from "./types.ts";
import { createPersonalWorkspace } from "./workspaces.ts";

/** Lower-cased, trimmed e-mail address. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The user with this e-mail address (case-insensitive), or null. */
export async function findUserByEmail(db: Db, email: string): Promise<AuthUser | null> {
  const rows = await db.query<AuthUser>(
    "select id, email, name from users where lower(email) = lower($1)",
    [normalizeEmail(email)],
  );
  return rows[0] ?? null;
}

/**
 * The user with this address, created (with a personal workspace) when there is none.
 * `workspace` is the new personal workspace when the user was created.
 */
export function findOrCreateUser(
  db: Db,
  input: { email: string; name?: string | null },
): Promise<{ user: AuthUser; created: boolean; workspace: AuthWorkspace | null }> {
  return db.transaction(async (tx) => {
    const inserted = await tx.query<AuthUser>(
      `insert into users (email, name) values ($1, $2)
       on conflict ((lower(email))) do nothing returning id, email, name`,
      [normalizeEmail(input.email), input.name?.trim().slice(0, 200) || null],
    );
    if (inserted[0]) {
      const workspace = await createPersonalWorkspace(tx, inserted[0]);
      return { user: inserted[0], created: true, workspace };
    }
    const user = await findUserByEmail(tx, input.email);
    if (!user) throw new Error("user vanished during sign-in");
    return { user, created: false, workspace: null };
  });
}

/** The user linked to a provider's subject, or null. */
export async function findUserByIdentity(
  db: Db,
  provider: string,
  subject: string,
): Promise<AuthUser | null> {
  const rows = await db.query<AuthUser>(
    `select u.id, u.email, u.name from user_identities i join users u on u.id = i.user_id
      where i.provider = $1 and i.subject = $2`,
    [provider, subject],
  );
  return rows[0] ?? null;
}

/** Links a provider's subject to a user (idempotent). */
export async function linkIdentity(
  db: Db,
  userId: string,
  provider: string,
  subject: string,
): Promise<void> {
  await db.query(
    `insert into user_identities (provider, subject, user_id) values ($1, $2, $3)
     on conflict (provider, subject) do nothing`,
    [provider, subject, userId],
  );
}

/** Records a successful sign-in time. */
export async function touchSignIn(db: Db, userId: string): Promise<void> {
  await db.query("update users set last_sign_in_at = now() where id = $1", [userId]);
}
