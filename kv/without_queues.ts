/**
 * A KV handle that refuses queues the way KV Connect (denokv) does, for a KV file shared by
 * processes that must not use its queues (and for tests of that topology): `enqueue`, and a
 * commit holding an enqueue, reject with KV Connect's error; `listenQueue` logs and returns.
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

function atomicWithoutQueues(op: Deno.AtomicOperation): Deno.AtomicOperation {
  let enqueued = false;
  const override: Record<string, unknown> = {};
  const proxy = bindAll(op, override);
  override.enqueue = () => {
    enqueued = true;
    return proxy;
  };
  override.commit = () =>
    enqueued ? Promise.reject(new TypeError(ENQUEUE_REFUSED)) : op.commit.call(op);
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
  });
}
