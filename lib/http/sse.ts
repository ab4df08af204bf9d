import { logger } from "../telemetry/log.ts";

/** One server-sent event. */
export interface SseEvent {
  id?: string | number;
  event?: string;
  data: unknown;
}

let open = 0;

/** Number of SSE connections open in this process (a metric). */
export function openSseConnections(): number {
  return open;
}

const encoder = new TextEncoder();
const HEARTBEAT = encoder.encode(": heartbeat\n\n");

/**
 * One event as SSE bytes. Encode an event once and pass the same bytes to every client's
 * `send`: streams only queue them, nothing copies or changes them.
 */
export function encodeSseEvent(e: SseEvent): Uint8Array {
  return encoder.encode(frame(e));
}

function frame(e: SseEvent): string {
  const data = typeof e.data === "string" ? e.data : JSON.stringify(e.data);
  let out = "";
  if (e.id !== undefined) out += `id: ${e.id}\n`;
  if (e.event) out += `event: ${e.event}\n`;
  for (const line of data.split("\n")) out += `data: ${line}\n`;
  return out + "\n";
}

/** Options for `sseResponse`. */
export interface SseOptions {
  /** Ends the stream (with a retry hint) when the server shuts down. */
  shutdown: AbortSignal;
  /** Milliseconds a client should wait before reconnecting (the `retry:` field). */
  retryMs?: number;
  headers?: HeadersInit;
  /** Called once when the stream ends, for any reason (releases a `claimSseSlot` slot). */
  onClose?: () => void;
}

/**
 * Streams events as `text/event-stream`. `produce` receives a `send` function, a `heartbeat`
 * function (a comment line that keeps proxies from closing the connection) and a signal that
 * aborts when the client goes away or the server shuts down.
 */
export function sseResponse(
  produce: (
    send: (e: SseEvent | Uint8Array) => void,
    heartbeat: () => void,
    signal: AbortSignal,
  ) => Promise<void>,
  { shutdown, retryMs = 3000, headers, onClose }: SseOptions,
): Response {
  const abort = new AbortController();
  const onShutdown = () => abort.abort();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      open++;
      shutdown.addEventListener("abort", onShutdown, { once: true });
      const write = (bytes: Uint8Array) => {
        if (!abort.signal.aborted) {
          try {
            controller.enqueue(bytes);
          } catch {
            abort.abort();
          }
        }
      };
      write(encoder.encode(`retry: ${retryMs}\n\n`));
      produce(
        (e) => write(e instanceof Uint8Array ? e : encodeSseEvent(e)),
        () => write(HEARTBEAT),
        abort.signal,
      )
        .catch((error) => {
          if (!abort.signal.aborted) {
            write(encodeSseEvent({ event: "error", data: { message: "stream failed" } }));
          }
          if (!(error instanceof DOMException)) logger.error("sse stream failed", { error });
        })
        .finally(() => {
          open--;
          onClose?.();
          shutdown.removeEventListener("abort", onShutdown);
          if (shutdown.aborted) {
            try {
              controller.enqueue(encoder.encode(`retry: ${retryMs}\n: server restarting\n\n`));
            } catch { /* already closed */ }
          }
          try {
            controller.close();
          } catch { /* already closed */ }
        });
    },
    cancel() {
      abort.abort();
    },
  });
  const h = new Headers(headers);
  h.set("content-type", "text/event-stream; charset=utf-8");
  h.set("cache-control", "no-store");
  h.set("x-accel-buffering", "no");
  return new Response(body, { headers: h });
}

const tickers = new Map<
  number,
  { timer: ReturnType<typeof setInterval>; beats: Set<() => void> }
>();

/**
 * Calls `beat` every `ms` until `signal` aborts, on one interval timer shared by every caller
 * with the same period (SSE heartbeats of thousands of streams cost one timer, not thousands).
 */
export function sharedInterval(ms: number, beat: () => void, signal: AbortSignal): void {
  if (signal.aborted) return;
  let ticker = tickers.get(ms);
  if (!ticker) {
    const beats = new Set<() => void>();
    const timer = setInterval(() => {
      for (const b of beats) b();
    }, ms);
    tickers.set(ms, ticker = { timer, beats });
  }
  const { beats, timer } = ticker;
  beats.add(beat);
  signal.addEventListener("abort", () => {
    beats.delete(beat);
    if (beats.size === 0 && tickers.get(ms)?.timer === timer) {
      clearInterval(timer);
      tickers.delete(ms);
    }
  }, { once: true });
}

/** The position to resume from: `Last-Event-ID` header, else a `lastEventId` query. */
export function lastEventId(req: Request, url: URL): number | null {
  const raw = req.headers.get("last-event-id") ?? url.searchParams.get("lastEventId");
  if (raw === null || raw === "") return null;
  const n = Number(raw);
  return Number.isSafeInteger(n) && n >= 0 ? n : null;
}
