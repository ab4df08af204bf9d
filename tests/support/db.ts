/**
 * `dbTest` registers one test per backend: PGlite (in memory, one instance per test file,
 * a fresh schema per test) and PostgreSQL when DATABASE_URL is set (a unique schema per test,
 * dropped afterwards). The test receives a Db whose `close()` is a no-op: the helper owns it.
 */
import { PGlite } from "@electric-sql/pglite";
import { enterSchema, pgliteDb } from "../../lib/db/pglite.ts";
import { openPostgres } from "../../lib/db/postgres.ts";
import type { Db } from "../../lib/db/types.ts";

const DATABASE_URL = Deno.env.get("DATABASE_URL");

let shared: Promise<PGlite> | undefined;

/** A unique, valid schema name for one test. */
export function uniqueSchema(): string {
  return `t_${crypto.randomUUID().replaceAll("-", "").slice(0, 20)}`;
}

/** Registers `fn` as "<name> [pglite]" and, with DATABASE_URL set, "<name> [postgres]". */
export function dbTest(name: string, fn: (db: Db) => Promise<void>): void {
  Deno.test(`${name} [pglite]`, async () => {
    const pg = await (shared ??= PGlite.create());
    const schema = uniqueSchema();
    await enterSchema(pg, schema);
    try {
      await fn(pgliteDb(pg, async () => {}));
    } finally {
      await pg.exec(`set search_path to public; drop schema "${schema}" cascade`);
    }
  });
  Deno.test({
    name: `${name} [postgres]`,
    ignore: !DATABASE_URL,
    async fn() {
      const schema = uniqueSchema();
      const db = await openPostgres({ url: DATABASE_URL!, schema, max: 4 });
      try {
        await fn({ ...db, close: async () => {} });
      } finally {
        await db.exec(`drop schema "${schema}" cascade`);
        await db.close();
      }
    },
  });
}
