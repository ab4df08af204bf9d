/**
 * The signed-in identity cache (lib/auth/identity_cache.ts): a session's identity is read once
 * and reused, and every change to memberships is seen on the next request, whether the app
 * made it in this process or someone changed the rows by hand (another instance, psql).
 */
import { assertEquals } from "../support/assert.ts";
import { cachedIdentity } from "../../lib/auth/identity_cache.ts";
import { addMember, changeRole, removeMember } from "../../lib/auth/members.ts";
import { findOrCreateUser } from "../../lib/auth/users.ts";
import { migrate } from "../../lib/db/migrate.ts";
import type { Db } from "../../lib/db/types.ts";
import { dbTest } from "../support/db.ts";

async function seed(db: Db) {
  await migrate(db);
  const owner = await findOrCreateUser(db, { email: "owner@example.com" });
  const member = await findOrCreateUser(db, { email: "member@example.com" });
  const workspace = owner.workspace!;
  await addMember(db, workspace.id, member.user.id, "admin");
  return { owner: owner.user.id, member: member.user.id, workspace: workspace.id };
}

/** The member's role in the workspace as a request would see it (null: not a member). */
async function roleSeen(db: Db, userId: string, workspaceId: string) {
  const identity = await cachedIdentity(db, userId, workspaceId);
  return identity?.workspaces.find((w) => w.id === workspaceId)?.role ?? null;
}

/** Polls for at most 1.5 s (well under the cache's 5 s lifetime) until `want` is seen. */
async function eventually(read: () => Promise<unknown>, want: unknown) {
  let seen = await read();
  for (let i = 0; i < 30 && seen !== want; i++) {
    await new Promise((r) => setTimeout(r, 50));
    seen = await read();
  }
  return seen;
}

dbTest("a signed-in identity is read from the database once, then reused", async (db) => {
  const { member, workspace } = await seed(db);
  let queries = 0;
  const counting: Db = {
    ...db,
    query: (text, params) => {
      queries++;
      return db.query(text, params);
    },
  };
  for (let i = 0; i < 5; i++) assertEquals(await roleSeen(counting, member, workspace), "admin");
  assertEquals(queries, 1);
});

dbTest("role changes and removals by the app are seen on the very next request", async (db) => {
  const { member, workspace } = await seed(db);
  assertEquals(await roleSeen(db, member, workspace), "admin");
  await changeRole(db, { tenantId: workspace, actorRole: "owner", userId: member, role: "member" });
  assertEquals(await roleSeen(db, member, workspace), "member");
  await removeMember(db, { tenantId: workspace, actorRole: "owner", userId: member });
  assertEquals(await roleSeen(db, member, workspace), null);
});

dbTest("memberships changed by hand in SQL are seen without waiting for expiry", async (db) => {
  const { member, workspace } = await seed(db);
  assertEquals(await roleSeen(db, member, workspace), "admin");
  await db.query("update memberships set role = 'member' where user_id = $1", [member]);
  assertEquals(await eventually(() => roleSeen(db, member, workspace), "member"), "member");
  await db.query("delete from memberships where user_id = $1", [member]);
  assertEquals(await eventually(() => roleSeen(db, member, workspace), null), null);
});
