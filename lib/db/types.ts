/** The one query interface shared by the PostgreSQL (postgres.js) and PGlite backends. */

/**
 * A database handle. Queries use `$1, $2` placeholders on both backends; pass objects (not
 * JSON strings) for json/jsonb parameters. `int8` values come back as numbers, `numeric` as
 * strings, timestamps and dates as `Date`.
 */
export interface Db {
  /** Which backend this is. */
  readonly kind: "postgres" | "pglite";
  /** Runs one statement and returns its rows. */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Runs a script of one or more statements without parameters. */
  exec(sql: string): Promise<void>;
  /** Runs `fn` in a transaction (a savepoint when nested); rolls back if it throws. */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  /** Subscribes to a NOTIFY channel; resolves to an unsubscribe function. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  /** Sends a NOTIFY (delivered on commit when called inside a transaction). */
  notify(channel: string, payload: string): Promise<void>;
  /** Closes the handle and its connections (inside a transaction: an error). */
  close(): Promise<void>;
}
