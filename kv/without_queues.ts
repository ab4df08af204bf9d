/**
 * A KV handle that refuses queues the way KV Connect (denokv) does, for a KV file shared by
 * processes that must not use its queues (and for tests of that topology): `enqueue`, and a
 * commit holding an enqueue, reject with KV Connect's error; `listenQueue` logs and returns.
 * Processes sharing one SQLite file contend for its write lock ("database is locked", nothing
 * written): such calls are retried with jittered backoff.
 */

/** KV Connect's refusal, word for word. */
export const ENQUEUE_REFUSED = "Enqueue operations are not supported in KV Connect";

function bindAll<T extends object>(target: T, override: Record<string | symbol, unknown>): T {
  return new Proxy(target, {
    get(t, prop) {
      if (prop in override) return override[prop];
      const value = Reflect.get(t, prop, t);
      return typeof value === "function" ? value.bind(t) : value;
    },
  });
}

const LOCKED = /database is locked/;

/** Runs `fn` again while SQLite reports lock contention (at most ~10 s). */
async function unlocked<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 0;; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (!LOCKED.test(String(error)) || attempt >= 400) throw error;
      await new Promise((r) => setTimeout(r, 2 + Math.random() * Math.min(50, 2 ** attempt)));
    }
  }
}

async function* listUnlocked<T>(
  kv: Deno.Kv,
  selector: Deno.KvListSelector,
  options: Deno.KvListOptions = {},
): AsyncGenerator<Deno.KvEntry<T>> {
  let cursor = options.cursor;
  let left = options.limit;
  for (let attempt = 0;; attempt++) {
    const iter = kv.list<T>(selector, { ...options, cursor, limit: left });
    try {
      for await (const entry of iter) {
        yield entry;
        cursor = iter.cursor;
        if (left !== undefined) left--;
      }
      return;
    } catch (error) {
      if (!LOCKED.test(String(error)) || attempt >= 400) throw error;
      await new Promise((r) => setTimeout(r, 2 + Math.random() * Math.min(50, 2 ** attempt)));
    }
  }
}

function atomicWithoutQueues(op: Deno.AtomicOperation): Deno.AtomicOperation {
  let enqueued = false;
  const override: Record<string, unknown> = {};
  const proxy = bindAll(op, override);
  override.enqueue = () => {
    enqueued = true;
    return proxy;
  };
  override.commit = () =>
    enqueued ? Promise.reject(new TypeError(ENQUEUE_REFUSED)) : unlocked(() => op.commit());
  for (const name of ["check", "set", "delete", "sum", "min", "max", "mutate"] as const) {
    override[name] = (...args: unknown[]) => {
      (op[name] as (...a: unknown[]) => unknown).apply(op, args);
      return proxy;
    };
  }
  return proxy;
}

/** Wraps `kv` so it refuses queues as KV Connect does. */
export function withoutQueues(kv: Deno.Kv): Deno.Kv {
  return bindAll(kv, {
    enqueue: () => Promise.reject(new TypeError(ENQUEUE_REFUSED)),
    listenQueue: () => {
      console.warn("KV Connect does not support queues.");
      return Promise.resolve();
    },
    atomic: () => atomicWithoutQueues(kv.atomic()),
    get: (key: Deno.KvKey, o?: { consistency?: Deno.KvConsistencyLevel }) =>
      unlocked(() => kv.get(key, o)),
    getMany: (keys: Deno.KvKey[], o?: { consistency?: Deno.KvConsistencyLevel }) =>
      unlocked(() => kv.getMany(keys, o)),
    set: (key: Deno.KvKey, value: unknown, o?: { expireIn?: number }) =>
      unlocked(() => kv.set(key, value, o)),
    delete: (key: Deno.KvKey) => unlocked(() => kv.delete(key)),
    list: (selector: Deno.KvListSelector, o?: Deno.KvListOptions) => listUnlocked(kv, selector, o),
  });
}
