/** The embedded backend: PGlite (PostgreSQL in WASM), in memory or persisted to a folder. */
import { PGlite, type Transaction } from "@electric-sql/pglite";
import { quoteSchema } from "./ident.ts";
import { acquireLock, type DirLock } from "./lock.ts";
import type { Db } from "./types.ts";

/** Where and how to open PGlite. */
export interface PgliteOptions {
  /** Data folder; absent = in memory. A `<dataDir>.lock` file beside it guards it. */
  dataDir?: string;
  /** Schema to create and put on the search_path (default "public"). */
  schema?: string;
  /** `shared_buffers`, such as "16MB" (default: the data folder's postgresql.conf, 128MB). */
  sharedBuffers?: string;
}

/** Opens PGlite, holding the folder's lock file so a second process gets a clear error. */
export async function openPglite(options: PgliteOptions = {}): Promise<Db> {
  const { dataDir, schema = "public", sharedBuffers } = options;
  let lock: DirLock | undefined;
  if (dataDir) {
    const dir = dataDir.replace(/\/+$/, "");
    await Deno.mkdir(dir, { recursive: true });
    lock = await acquireLock(
      `${dir}.lock`,
      (pid) => `${dir} is in use by another process (pid ${pid}); stop it or set DATABASE_URL`,
    );
  }
  try {
    const startParams = sharedBuffers
      ? [...PGlite.defaultStartParams, "-c", `shared_buffers=${sharedBuffers}`]
      : undefined;
    const pg = dataDir
      ? await PGlite.create({ dataDir, startParams })
      : await createInMemory(startParams);
    if (schema !== "public") await enterSchema(pg, schema);
    return pgliteDb(pg, async () => {
      await pg.close();
      await lock?.release();
    });
  } catch (err) {
    await lock?.release();
    throw err;
  }
}

let template: Promise<Blob> | null = null;

/**
 * A new in-memory database. The first one runs initdb; later ones in the same process load a
 * copy of that fresh cluster, which is several times faster (tests start many instances).
 */
async function createInMemory(startParams?: string[]): Promise<PGlite> {
  if (template) return await PGlite.create({ loadDataDir: await template, startParams });
  const pg = await PGlite.create({ startParams });
  template = pg.dumpDataDir("none");
  await template;
  return pg;
}

/** Creates `schema` if missing and makes it the only schema on the search_path. */
export async function enterSchema(pg: PGlite, schema: string): Promise<void> {
  const quoted = quoteSchema(schema);
  await pg.exec(`create schema if not exists ${quoted}; set search_path to ${quoted}`);
}

/** Wraps an open PGlite instance as a {@link Db}; `onClose` runs on `close()`. */
export function pgliteDb(pg: PGlite, onClose: () => Promise<void>): Db {
  return {
    kind: "pglite",
    async query<T>(text: string, params?: unknown[]) {
      return (await pg.query<T>(text, params)).rows;
    },
    async exec(sql: string) {
      await pg.exec(sql);
    },
    transaction<T>(fn: (tx: Db) => Promise<T>) {
      return pg.transaction((tx) => fn(txDb(tx)));
    },
    listen: (channel, onPayload) => pg.listen(channel, onPayload),
    async notify(channel, payload) {
      await pg.query("select pg_notify($1, $2)", [channel, payload]);
    },
    close: onClose,
  };
}

function txDb(tx: Transaction, depth = 0): Db {
  return {
    kind: "pglite",
    async query<T>(text: string, params?: unknown[]) {
      return (await tx.query<T>(text, params)).rows;
    },
    async exec(sql: string) {
      await tx.exec(sql);
    },
    async transaction<T>(fn: (tx: Db) => Promise<T>) {
      const sp = `sp_${depth + 1}`;
      await tx.exec(`savepoint ${sp}`);
      try {
        const result = await fn(txDb(tx, depth + 1));
        await tx.exec(`release savepoint ${sp}`);
        return result;
      } catch (err) {
        await tx.exec(`rollback to savepoint ${sp}`);
        throw err;
      }
    },
    async listen(channel, onPayload) {
      const unlisten = await tx.listen(channel, onPayload);
      return () => unlisten();
    },
    async notify(channel, payload) {
      await tx.query("select pg_notify($1, $2)", [channel, payload]);
    },
    close: () => Promise.reject(new Error("cannot close a database inside a transaction")),
  };
}
