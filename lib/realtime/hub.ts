import type { Db } from "../db/mod.ts";
import { logger } from "../telemetry/log.ts";
import { headKey, type LoggedEvent, readAfter, readHead } from "./event_log.ts";

const NOTIFY_CHANNEL = "log_appended";
const POLL_MS = 1000;

type Waiter = () => void;

interface Watched {
  waiters: Set<Waiter>;
  stop: () => void;
}

/**
 * Wakes subscribers of KV event logs when they grow, on this instance and across instances:
 * local appends wake at once; other instances are heard through Postgres LISTEN/NOTIFY when
 * the database is a server, `kv.watch` on the log head where KV is shared (Deploy, KV
 * Connect), and a one-second head poll as the floor that always works.
 */
export class LogHub {
  #watched = new Map<string, Watched>();
  #unlisten: Promise<() => Promise<void>> | null = null;

  constructor(
    private readonly kv: Deno.Kv,
    private readonly db: Db | null,
    private readonly sharedKv: boolean,
    /** Interval of the head poll, the floor that always works. */
    private readonly pollMs = POLL_MS,
  ) {}

  /** Tells local subscribers, and other instances, that the log at `prefix` grew. */
  announce(prefix: Deno.KvKey) {
    this.#wake(JSON.stringify(prefix));
    if (this.db?.kind === "postgres") {
      this.db.notify(NOTIFY_CHANNEL, JSON.stringify(prefix)).catch((error) =>
        logger.warn("log notify failed", { error: (error as Error).message })
      );
    }
  }

  #wake(id: string) {
    const watched = this.#watched.get(id);
    if (!watched) return;
    const waiters = [...watched.waiters];
    watched.waiters.clear();
    for (const w of waiters) w();
  }

  #watch(prefix: Deno.KvKey): Watched {
    const id = JSON.stringify(prefix);
    let watched = this.#watched.get(id);
    if (watched) return watched;
    const waiters = new Set<Waiter>();
    let last = -1;
    let idlePolls = 0;
    const poll = setInterval(async () => {
      if (waiters.size === 0) {
        if (++idlePolls >= 5) {
          watched!.stop();
          this.#watched.delete(id);
        }
        return;
      }
      idlePolls = 0;
      try {
        const head = await readHead(this.kv, prefix);
        if (head !== last) {
          last = head;
          this.#wake(id);
        }
      } catch {
        // KV closed during shutdown: nothing to wake.
      }
    }, this.pollMs);
    let stream: ReadableStream | null = null;
    if (this.sharedKv) {
      stream = this.kv.watch([headKey(prefix)]);
      stream.pipeTo(new WritableStream({ write: () => this.#wake(id) })).catch(() => {});
    }
    if (this.db?.kind === "postgres" && !this.#unlisten) {
      this.#unlisten = this.db.listen(NOTIFY_CHANNEL, (payload) => this.#wake(payload));
      this.#unlisten.catch((error) =>
        logger.warn("log listen failed", { error: (error as Error).message })
      );
    }
    watched = {
      waiters,
      stop: () => {
        clearInterval(poll);
        stream?.cancel().catch(() => {});
      },
    };
    this.#watched.set(id, watched);
    return watched;
  }

  /**
   * Registers interest now and returns a promise that resolves when the log may have grown,
   * after at most `maxWaitMs`, or on abort; registering before reading closes the race with
   * an append that lands in between.
   */
  #arm(prefix: Deno.KvKey, signal: AbortSignal, maxWaitMs: number) {
    const watched = this.#watch(prefix);
    let done!: () => void;
    const woken = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => finish(false), maxWaitMs);
      const finish = (wokenUp: boolean) => {
        clearTimeout(timer);
        signal.removeEventListener("abort", done);
        watched.waiters.delete(done);
        resolve(wokenUp);
      };
      done = () => finish(true);
      signal.addEventListener("abort", done, { once: true });
      watched.waiters.add(done);
    });
    return { woken, cancel: () => done() };
  }

  /**
   * Yields the events after `after` and then every new one as it is appended, in order, with
   * none twice and none skipped, until `signal` aborts. `onIdle` runs whenever `idleMs` pass
   * without news (used for SSE heartbeats).
   */
  async *follow<T>(
    prefix: Deno.KvKey,
    after: number,
    signal: AbortSignal,
    onIdle?: () => void,
    idleMs = 15_000,
  ): AsyncGenerator<LoggedEvent<T>> {
    let cursor = after;
    while (!signal.aborted) {
      const armed = this.#arm(prefix, signal, idleMs);
      const batch = await readAfter<T>(this.kv, prefix, cursor).catch((error) => {
        armed.cancel();
        throw error;
      });
      if (batch.length > 0) {
        armed.cancel();
        for (const event of batch) {
          cursor = event.seq;
          yield event;
        }
        continue;
      }
      if (!await armed.woken && !signal.aborted) onIdle?.();
    }
  }

  /** Stops every watcher and the Postgres listener. */
  async close() {
    for (const w of this.#watched.values()) w.stop();
    this.#watched.clear();
    const unlisten = await this.#unlisten?.catch(() => null);
    await unlisten?.().catch(() => {});
  }
}
