/**
 * One KV follower per feed and process, shared by every stream client of that feed: the hub
 * wakes one reader per new event instead of one per connection, and clients take the new
 * events from memory. A client behind the in-memory window (a resume from an old
 * `Last-Event-ID`) catches up from KV first, so order, no duplicates and no gaps still hold.
 * Memory is only a cache here: KV stays the source of every event.
 */
import { type LoggedEvent, readAfter, readHead } from "../realtime/event_log.ts";
import type { Services } from "../services.ts";

/** Events kept in memory per feed for clients to take. */
const WINDOW = 1000;

interface Shared {
  /** Seq just before the first event in `recent`. */
  base: number;
  recent: LoggedEvent[];
  subscribers: number;
  /** Resolves (and is replaced) whenever events arrive or the follower stops. */
  changed: Promise<void>;
  notify: () => void;
  /** Pushed subscribers (`subscribeShared`), called synchronously with each new event. */
  listeners: Set<(e: LoggedEvent) => void>;
  stop: AbortController;
  ready: Promise<void>;
}

/** Told to pushed subscribers when the shared follower stops. */
const END: LoggedEvent = { seq: -1, type: "", data: null, at: 0 };

type Deps = Pick<Services, "kv" | "hub" | "shutdown">;

const feeds = new WeakMap<Services["hub"], Map<string, Shared>>();

function signalPromise(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

function open(services: Deps, prefix: Deno.KvKey): Shared {
  let byPrefix = feeds.get(services.hub);
  if (!byPrefix) feeds.set(services.hub, byPrefix = new Map());
  const id = JSON.stringify(prefix);
  const existing = byPrefix.get(id);
  if (existing && !existing.stop.signal.aborted) return existing;
  const first = signalPromise();
  const shared: Shared = {
    base: 0,
    recent: [],
    subscribers: 0,
    changed: first.promise,
    notify: first.resolve,
    listeners: new Set(),
    stop: new AbortController(),
    ready: Promise.resolve(),
  };
  const bump = () => {
    const old = shared.notify;
    const next = signalPromise();
    shared.changed = next.promise;
    shared.notify = next.resolve;
    old();
  };
  const onShutdown = () => shared.stop.abort();
  services.shutdown.addEventListener("abort", onShutdown, { once: true });
  shared.ready = readHead(services.kv, prefix).then((head) => {
    shared.base = head;
    (async () => {
      try {
        for await (const e of services.hub.follow(prefix, head, shared.stop.signal)) {
          shared.recent.push(e);
          if (shared.recent.length > WINDOW) {
            shared.base = shared.recent.shift()!.seq;
          }
          bump();
          for (const listener of shared.listeners) listener(e);
        }
      } catch {
        // KV closed or failed: subscribers see the feed end and reconnect.
      } finally {
        services.shutdown.removeEventListener("abort", onShutdown);
        if (byPrefix!.get(id) === shared) byPrefix!.delete(id);
        shared.stop.abort();
        bump();
        for (const listener of shared.listeners) listener(END);
      }
    })();
  });
  byPrefix.set(id, shared);
  return shared;
}

/**
 * Yields the events of the log at `prefix` after `after`, then each new one, in order, none
 * twice and none skipped, until `signal` aborts or the instance shuts down. `onIdle` runs when
 * `idleMs` pass without events (SSE heartbeats).
 */
export async function* followShared<T>(
  services: Deps,
  prefix: Deno.KvKey,
  after: number,
  signal: AbortSignal,
  onIdle?: () => void,
  idleMs = 15_000,
): AsyncGenerator<LoggedEvent<T>> {
  const shared = open(services, prefix);
  shared.subscribers++;
  try {
    await shared.ready;
    let cursor = after;
    const aborted = new Promise<boolean>((r) => {
      if (signal.aborted) r(false);
      signal.addEventListener("abort", () => r(false), { once: true });
    });
    while (!signal.aborted && !shared.stop.signal.aborted) {
      const changed = shared.changed;
      const base = shared.base;
      if (cursor < base) {
        const batch = (await readAfter<T>(services.kv, prefix, cursor, 500))
          .filter((e) => e.seq <= base);
        for (const e of batch) {
          cursor = e.seq;
          yield e;
        }
        if (batch.length === 0) cursor = base;
        continue;
      }
      const { recent } = shared;
      let i = recent.length;
      while (i > 0 && recent[i - 1].seq > cursor) i--;
      if (i < recent.length) {
        for (const e of recent.slice(i)) {
          cursor = e.seq;
          yield e as LoggedEvent<T>;
        }
        continue;
      }
      let timer: ReturnType<typeof setTimeout> | undefined;
      const idle = new Promise<boolean>((r) => (timer = setTimeout(() => r(true), idleMs)));
      const idled = await Promise.race([changed.then(() => false), idle, aborted]);
      clearTimeout(timer);
      if (idled && !signal.aborted) onIdle?.();
    }
  } finally {
    if (--shared.subscribers === 0) shared.stop.abort();
  }
}

/**
 * Push form of {@link followShared} for many clients of one feed: calls `onEvent` with the
 * events after `after` (caught up from KV or memory), then synchronously with each new one as
 * the shared follower reads it, in order, none twice and none skipped. No promise, generator or
 * timer per client per event. Resolves when `signal` aborts or the instance shuts down.
 */
export async function subscribeShared<T>(
  services: Deps,
  prefix: Deno.KvKey,
  after: number,
  signal: AbortSignal,
  onEvent: (e: LoggedEvent<T>) => void,
): Promise<void> {
  const shared = open(services, prefix);
  shared.subscribers++;
  let live = false;
  let cursor = after;
  let ended!: () => void;
  const done = new Promise<void>((r) => (ended = r));
  const listener = (e: LoggedEvent) => {
    if (e === END) ended();
    else if (live && e.seq > cursor) {
      cursor = e.seq;
      onEvent(e as LoggedEvent<T>);
    }
  };
  const onAbort = () => ended();
  try {
    await shared.ready;
    if (signal.aborted || shared.stop.signal.aborted) return;
    shared.listeners.add(listener);
    signal.addEventListener("abort", onAbort, { once: true });
    while (cursor < shared.base && !signal.aborted) {
      const base = shared.base;
      const batch = (await readAfter<T>(services.kv, prefix, cursor, 500))
        .filter((e) => e.seq <= base);
      for (const e of batch) {
        cursor = e.seq;
        onEvent(e);
      }
      if (batch.length === 0) cursor = base;
    }
    // No await from here on: every event after the last one in `recent` reaches the listener.
    for (const e of shared.recent) {
      if (e.seq > cursor) {
        cursor = e.seq;
        onEvent(e as LoggedEvent<T>);
      }
    }
    live = true;
    if (!signal.aborted && !shared.stop.signal.aborted) await done;
  } finally {
    signal.removeEventListener("abort", onAbort);
    shared.listeners.delete(listener);
    if (--shared.subscribers === 0) shared.stop.abort();
  }
}
