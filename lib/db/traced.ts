/** A {@link Db} decorator that runs every query in a database client span. */
import { SpanKind, withSpan } from "../telemetry/tracing.ts";
import type { Db } from "./types.ts";

const MAX_TEXT = 2000;

function operation(sql: string): string {
  return sql.trimStart().match(/^[a-z]+/i)?.[0].toUpperCase() ?? "QUERY";
}

function attributes(db: Db, sql: string) {
  return {
    "db.system.name": "postgresql",
    "db.system": "postgresql",
    "relay.db.backend": db.kind,
    "db.operation.name": operation(sql),
    "db.query.text": sql.length > MAX_TEXT ? sql.slice(0, MAX_TEXT) : sql,
  };
}

/**
 * Wraps `db` so `query`, `exec` and `transaction` each run in a span (`SELECT`, `INSERT`...,
 * with `db.query.text`: the parameterised text, never the parameter values). Transactions
 * hand their callback a traced handle too.
 */
export function tracedDb(db: Db): Db {
  return {
    kind: db.kind,
    query: <T = Record<string, unknown>>(text: string, params?: unknown[]) =>
      withSpan(operation(text), attributes(db, text), () => db.query<T>(text, params), {
        kind: SpanKind.CLIENT,
      }),
    exec: (sql) =>
      withSpan(operation(sql), attributes(db, sql), () => db.exec(sql), { kind: SpanKind.CLIENT }),
    transaction: (fn) =>
      withSpan(
        "TRANSACTION",
        { "db.system.name": "postgresql", "relay.db.backend": db.kind },
        () => db.transaction((tx) => fn(tracedDb(tx))),
        { kind: SpanKind.CLIENT },
      ),
    listen: (channel, onPayload) => db.listen(channel, onPayload),
    notify: (channel, payload) => db.notify(channel, payload),
    close: () => db.close(),
  };
}
