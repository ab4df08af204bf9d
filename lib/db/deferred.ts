/**
 * A database handle usable before the database is open: every call waits for `opening` (the
 * real handle, opened and migrated in the background while the server already listens).
 */
import type { Db } from "./types.ts";

/** A {@link Db} whose calls wait for `opening`; `settled()` tells whether they still would. */
export interface DeferredDb extends Db {
  /** True once `opening` has resolved or rejected. */
  settled(): boolean;
}

/** Wraps `opening` as a {@link Db} of `kind`; calls made before it resolves wait for it. */
export function deferredDb(kind: Db["kind"], opening: Promise<Db>): DeferredDb {
  let db: Db | null = null;
  let done = false;
  const ready = opening.then((d) => (db = d));
  ready.then(() => (done = true), () => (done = true));
  const use = async () => db ?? await ready;
  return {
    kind,
    settled: () => done,
    query: async <T>(text: string, params?: unknown[]) => (await use()).query<T>(text, params),
    exec: async (sql) => (await use()).exec(sql),
    transaction: async (fn) => (await use()).transaction(fn),
    listen: async (channel, onPayload) => (await use()).listen(channel, onPayload),
    notify: async (channel, payload) => (await use()).notify(channel, payload),
    close: async () => {
      const d = await ready.catch(() => null);
      await d?.close();
    },
  };
}
