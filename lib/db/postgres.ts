/** The server backend: PostgreSQL through postgres.js. */
import postgres from "postgres";
import { mapDbError } from "./errors.ts";
import { quoteSchema } from "./ident.ts";
import type { Db } from "./types.ts";

/** How to connect. */
export interface PostgresOptions {
  /** A postgres:// URL. */
  url: string;
  /** Schema to create if missing and set as every connection's search_path (default "public"). */
  schema?: string;
  /** Pool size (default 10). */
  max?: number;
  /** Seconds to wait for a connection before failing (default 10). */
  connectTimeout?: number;
}

/** Connects to PostgreSQL; every pooled connection uses `schema` as its search_path. */
export function openPostgres(options: PostgresOptions): Promise<Db> {
  const { url, schema = "public", max = 10, connectTimeout = 10 } = options;
  const quoted = quoteSchema(schema);
  const sql = postgres(url, {
    max,
    connect_timeout: connectTimeout,
    onnotice: () => {},
    connection: { search_path: quoted },
    // int8 (counts, bigserial) as numbers, like PGlite.
    types: { bigint: { to: 20, from: [20], serialize: String, parse: Number } },
  });
  // Created lazily (and retried after a failure), so opening never needs the server up.
  let ensured: Promise<void> | undefined;
  const ensureSchema = () =>
    schema === "public" ? Promise.resolve() : ensured ??= createSchema(sql, quoted).catch((err) => {
      ensured = undefined;
      throw err;
    });
  return Promise.resolve(wrap(sql, sql, ensureSchema));
}

async function createSchema(sql: postgres.Sql, quoted: string): Promise<void> {
  try {
    await sql.unsafe(`create schema if not exists ${quoted}`);
  } catch (err) {
    // Two processes creating the same schema at once: one wins, the other sees 23505/42P06.
    const code = (err as { code?: string }).code;
    if (code !== "23505" && code !== "42P06") throw err;
  }
}

type Sql = postgres.Sql | postgres.TransactionSql;

function wrap(sql: Sql, root: postgres.Sql, ready: () => Promise<void>): Db {
  const inTx = sql !== root;
  return {
    kind: "postgres",
    async query<T>(text: string, params: unknown[] = []) {
      try {
        await ready();
        return [...await sql.unsafe(text, params as never[])] as T[];
      } catch (err) {
        return mapDbError(err);
      }
    },
    async exec(script: string) {
      try {
        await ready();
        await sql.unsafe(script).simple();
      } catch (err) {
        mapDbError(err);
      }
    },
    async transaction<T>(fn: (tx: Db) => Promise<T>) {
      try {
        await ready();
        return inTx
          ? await (sql as postgres.TransactionSql).savepoint((sp) => fn(wrap(sp, root, ready))) as T
          : await root.begin((tx) => fn(wrap(tx, root, ready))) as T;
      } catch (err) {
        return mapDbError(err);
      }
    },
    async listen(channel, onPayload) {
      try {
        await ready();
        const { unlisten } = await root.listen(channel, onPayload);
        return unlisten;
      } catch (err) {
        return mapDbError(err);
      }
    },
    async notify(channel, payload) {
      try {
        await ready();
        await sql.unsafe("select pg_notify($1, $2)", [channel, payload]);
      } catch (err) {
        mapDbError(err);
      }
    },
    close: inTx
      ? () => Promise.reject(new Error("cannot close a database inside a transaction"))
      : () => root.end({ timeout: 5 }),
  };
}
