/**
 * Follows a run's SSE stream in the browser. `EventSource` reconnects by itself after a network
 * drop, sending `Last-Event-ID`; when it gives up (an HTTP error, a server restart that refused
 * the connection) a new one is opened with jittered backoff, resuming after the last seq seen
 * through `?lastEventId=`. Events already seen are dropped, so none is applied twice.
 */

/** Event types of a run stream. */
export const RUN_EVENT_TYPES = [
  "started",
  "token",
  "tool_call",
  "tool_result",
  "usage",
  "retrying",
  "done",
  "error",
] as const;

/** Connection state, for the UI. */
export type StreamState = "connecting" | "live" | "reconnecting" | "closed";

/** Callbacks of {@link followRun}. */
export interface RunStreamHandlers {
  onEvent(seq: number, type: string, data: unknown): void;
  onState(state: StreamState): void;
}

const MAX_BACKOFF_MS = 15_000;

/** Follows `streamUrl` after event `after`; returns a function that stops following. */
export function followRun(streamUrl: string, after: number, h: RunStreamHandlers): () => void {
  let last = after;
  let source: EventSource | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;
  let stopped = false;

  const stop = () => {
    stopped = true;
    clearTimeout(timer);
    source?.close();
    h.onState("closed");
  };

  const open = () => {
    if (stopped) return;
    h.onState(failures ? "reconnecting" : "connecting");
    const url = last > 0 ? `${streamUrl}?lastEventId=${last}` : streamUrl;
    const es = source = new EventSource(url);
    es.onopen = () => {
      failures = 0;
      h.onState("live");
    };
    for (const type of RUN_EVENT_TYPES) {
      es.addEventListener(type, (e: Event) => {
        if (!(e instanceof MessageEvent) || typeof e.data !== "string") {
          if (type === "error") onConnectionError();
          return;
        }
        const seq = Number(e.lastEventId);
        if (!Number.isFinite(seq) || seq <= last) return;
        last = seq;
        h.onEvent(seq, type, JSON.parse(e.data));
        if (type === "done" || type === "error") stop();
      });
    }
  };

  const onConnectionError = () => {
    if (stopped || !source) return;
    if (source.readyState === EventSource.CONNECTING) {
      h.onState("reconnecting");
      return;
    }
    source.close();
    failures++;
    const ceiling = Math.min(MAX_BACKOFF_MS, 500 * 2 ** failures);
    timer = setTimeout(open, ceiling / 2 + Math.random() * ceiling / 2);
    h.onState("reconnecting");
  };

  open();
  return stop;
}
