/**
 * The browser side of the demo feed: follows `/demo/stream` with EventSource, reconnects with
 * exponential backoff and jitter (resuming after the last seq it showed, so nothing is shown
 * twice or skipped), and falls back to polling `/demo/events` when EventSource is missing or
 * cannot connect while the server answers. Browser only, no framework imports.
 */
import type { FeedEvent } from "./events.ts";

/** Window event the ActivityFeed island dispatches with each batch of new events (`detail`). */
export const FEED_EVENTS = "demofeed:events";

/** What the feed is doing, shown to the user. */
export type FeedStatus = "connecting" | "live" | "reconnecting" | "offline";

/** How events arrive. */
export type FeedTransport = "stream" | "polling";

/** Options of {@link followFeed}. */
export interface FollowOptions {
  /** Query of both endpoints, e.g. `workspace=acme` (empty: the public feed). */
  query: string;
  /** Seq of the newest event already shown (null: let the server replay the last few). */
  after: number | null;
  onEvents(events: FeedEvent[]): void;
  onStatus(status: FeedStatus, transport: FeedTransport, retryInMs?: number): void;
  /** First reconnect delay; doubles per failure up to `maxDelayMs` (default 500 / 15000). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Polling interval (default 2000). */
  pollMs?: number;
}

/** Delay before reconnect attempt `n` (from 0): exponential, capped, with ±50% jitter. */
export function backoffDelay(n: number, base: number, max: number, random = Math.random()): number {
  const exp = Math.min(max, base * 2 ** n);
  return Math.round(exp * (0.5 + random));
}

/** Starts following; returns a function that stops. */
export function followFeed(options: FollowOptions): () => void {
  const { query, onEvents, onStatus } = options;
  const base = options.baseDelayMs ?? 500;
  const max = options.maxDelayMs ?? 15_000;
  const pollMs = options.pollMs ?? 2000;
  let cursor = options.after;
  let failures = 0;
  let transport: FeedTransport = typeof EventSource === "function" ? "stream" : "polling";
  let source: EventSource | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const url = (path: string, extra: Record<string, string>) => {
    const params = new URLSearchParams(query);
    for (const [k, v] of Object.entries(extra)) params.set(k, v);
    return `${path}?${params}`;
  };

  const deliver = (events: FeedEvent[]) => {
    const fresh = events.filter((e) => cursor === null || e.seq > cursor);
    if (fresh.length === 0) return;
    cursor = fresh[fresh.length - 1].seq;
    onEvents(fresh);
  };

  const schedule = (fn: () => void, delay: number) => {
    clearTimeout(timer);
    timer = setTimeout(fn, delay);
  };

  const retryLater = (run: () => void) => {
    if (!navigator.onLine) {
      onStatus("offline", transport);
      return;
    }
    const delay = backoffDelay(failures++, base, max);
    onStatus("reconnecting", transport, delay);
    schedule(run, delay);
  };

  /** One poll: true when the server answered. */
  const poll = async (): Promise<boolean> => {
    try {
      const extra: Record<string, string> = cursor === null ? {} : { after: String(cursor) };
      const res = await fetch(url("/demo/events", extra), {
        headers: { accept: "application/json" },
      });
      if (!res.ok) return false;
      const body = await res.json() as { events: FeedEvent[]; next: number };
      deliver(body.events);
      if (cursor === null) cursor = body.next;
      return true;
    } catch {
      return false;
    }
  };

  const pollLoop = async () => {
    if (stopped) return;
    if (await poll()) {
      if (stopped) return;
      failures = 0;
      onStatus("live", "polling");
      schedule(pollLoop, pollMs);
    } else if (!stopped) retryLater(pollLoop);
  };

  const connect = () => {
    if (stopped) return;
    if (transport === "polling") return void pollLoop();
    onStatus(failures === 0 ? "connecting" : "reconnecting", "stream");
    const extra: Record<string, string> = cursor === null ? {} : { lastEventId: String(cursor) };
    let opened = false;
    const es = source = new EventSource(url("/demo/stream", extra));
    es.onopen = () => {
      opened = true;
      failures = 0;
      onStatus("live", "stream");
    };
    es.onmessage = (m) => {
      try {
        deliver([JSON.parse(m.data) as FeedEvent]);
      } catch {
        // A malformed frame is skipped; the next one carries on.
      }
    };
    es.onerror = async () => {
      es.close();
      if (source !== es || stopped) return;
      source = null;
      if (!opened && await poll()) {
        // The server answers but the stream does not connect: EventSource is blocked.
        transport = "polling";
        failures = 0;
        onStatus("live", "polling");
        schedule(pollLoop, pollMs);
        return;
      }
      retryLater(connect);
    };
  };

  const online = () => {
    if (stopped || source) return;
    failures = 0;
    schedule(connect, 0);
  };
  const offline = () => {
    source?.close();
    source = null;
    clearTimeout(timer);
    onStatus("offline", transport);
  };
  addEventListener("online", online);
  addEventListener("offline", offline);
  connect();
  return () => {
    stopped = true;
    clearTimeout(timer);
    source?.close();
    removeEventListener("online", online);
    removeEventListener("offline", offline);
  };
}
