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
    send: (e: SseEvent) => void,
    heartbeat: () => void,
    signal: AbortSignal,
  ) => Promise<void>,
  { shutdown, retryMs = 3000, headers, onClose }: SseOptions,
): Response {
  const abort = new AbortController();
  const enc = new TextEncoder();
  const onShutdown = () => abort.abort();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      open++;
      shutdown.addEventListener("abort", onShutdown, { once: true });
      const write = (text: string) => {
        if (!abort.signal.aborted) {
          try {
            controller.enqueue(enc.encode(text));
          } catch {
            abort.abort();
          }
        }
      };
      write(`retry: ${retryMs}\n\n`);
      produce((e) => write(frame(e)), () => write(": heartbeat\n\n"), abort.signal)
        .catch((error) => {
          if (!abort.signal.aborted) {
            write(frame({ event: "error", data: { message: "stream failed" } }));
          }
          if (!(error instanceof DOMException)) logger.error("sse stream failed", { error });
        })
        .finally(() => {
          open--;
          onClose?.();
          shutdown.removeEventListener("abort", onShutdown);
          if (shutdown.aborted) {
            try {
              controller.enqueue(enc.encode(`retry: ${retryMs}\n: server restarting\n\n`));
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

/** The position to resume from: `Last-Event-ID` header, else a `lastEventId` query. */
export function lastEventId(req: Request, url: URL): number | null {
  const raw = req.headers.get("last-event-id") ?? url.searchParams.get("lastEventId");
  if (raw === null || raw === "") return null;
  const n = Number(raw);
  return Number.isSafeInteger(n) && n >= 0 ? n : null;
}
