/**
 * Ticket signing keys and alert URLs are kept sealed: not in clear in the database, readable
 * with any listed WEBHOOK_SECRETS entry, sealed again with the newest one when an older one
 * opened them (so the old secret can then be dropped), and unreadable without any.
 */
import { assert, assertEquals } from "../support/assert.ts";
import { dbTest } from "../support/db.ts";
import { migrate } from "../../lib/db/migrate.ts";
import { alertUrl, rotateSigningKey, setAlertUrl, signingKey } from "../../lib/tickets/settings.ts";

dbTest("ticket secrets are sealed and survive a WEBHOOK_SECRETS rotation", async (db) => {
  await migrate(db);
  const [ws] = await db.query<{ id: string }>(
    "insert into tenants (name, slug) values ('Acme', 'acme') returning id",
  );
  const old = ["old-secret-0123456789abcdef"];
  const rotated = ["new-secret-0123456789abcdef", ...old];
  const { key, replaced } = await rotateSigningKey(db, old, ws.id);
  assertEquals(replaced, false);
  await setAlertUrl(db, old, ws.id, "https://hooks.example.com/services/T0/B0/secret");
  const stored = JSON.stringify(await db.query("select * from ticket_settings"));
  assert(!stored.includes(key) && !stored.includes("/services/T0"), "nothing in clear");

  assertEquals(await signingKey(db, rotated, ws.id), key);
  assertEquals(
    await alertUrl(db, rotated, ws.id),
    "https://hooks.example.com/services/T0/B0/secret",
  );
  const newestOnly = [rotated[0]];
  assertEquals(await signingKey(db, newestOnly, ws.id), key, "sealed again with the newest");
  assertEquals(
    await alertUrl(db, newestOnly, ws.id),
    "https://hooks.example.com/services/T0/B0/secret",
  );
  assertEquals(await signingKey(db, ["unrelated-secret-0123456789"], ws.id), null);

  const next = await rotateSigningKey(db, newestOnly, ws.id);
  assert(next.replaced && next.key !== key, "rotation replaces the key");
  assertEquals(await signingKey(db, newestOnly, ws.id), next.key);
});
