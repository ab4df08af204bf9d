/**
 * `dbTest` registers one test per backend: PGlite (in memory, one instance per test file,
 * a fresh schema per test) and the real PostgreSQL of DATABASE_URL (a unique schema per test,
 * dropped afterwards). The test receives a Db whose `close()` is a no-op: the helper owns it.
 */
import { PGlite } from "@electric-sql/pglite";
import { enterSchema, pgliteDb } from "../../lib/db/pglite.ts";
import { openPostgres } from "../../lib/db/postgres.ts";
import type { Db } from "../../lib/db/types.ts";

let shared: Promise<PGlite> | undefined;

/** A unique, valid schema name for one test. */
export function uniqueSchema(): string {
  return `t_${crypto.randomUUID().replaceAll("-", "").slice(0, 20)}`;
}

/**
 * The real PostgreSQL server of this test run. Throws when DATABASE_URL is unset, so a
 * PostgreSQL test fails instead of silently not running: `deno task test` starts a server.
 */
export function databaseUrl(): string {
  const url = Deno.env.get("DATABASE_URL");
  if (!url) {
    throw new Error(
      "DATABASE_URL is not set: run tests with `deno task test [files]`, which starts a " +
        "throwaway PostgreSQL, or set DATABASE_URL to a server",
    );
  }
  return url;
}

/** Registers `fn` as "<name> [pglite]" and "<name> [postgres]". */
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
  Deno.test(`${name} [postgres]`, async () => {
    const schema = uniqueSchema();
    const db = await openPostgres({ url: databaseUrl(), schema, max: 4 });
    try {
      await fn({ ...db, close: async () => {} });
    } finally {
      await db.exec(`drop schema "${schema}" cascade`);
      await db.close();
    }
  });
}
