import type { Services } from "../lib/services.ts";
import { logger } from "../lib/telemetry/log.ts";
import { runJob } from "./jobs.ts";

/** Every queue message carries its type and, optionally, the trace it belongs to. */
export interface QueueMessage {
  type: string;
  traceparent?: string;
  [field: string]: unknown;
}

/** Handles one message type; throwing makes KV redeliver it with backoff. */
export type QueueHandler = (message: QueueMessage, services: Services) => Promise<void>;

const handlers = new Map<string, QueueHandler>();

/** Registers the handler for a message type (one per type). */
export function onQueue(type: string, handler: QueueHandler) {
  if (handlers.has(type)) throw new Error(`queue handler for ${type} registered twice`);
  handlers.set(type, handler);
}

/** The queue listener's state, reported by /readyz. */
export interface QueueListener {
  listening: boolean;
  /** Resolves when the listener has stopped (KV closed) and its last jobs have settled. */
  done: Promise<void>;
  /** Waits (at most `timeoutMs`) for the jobs running now to finish; used before closing KV. */
  drain(timeoutMs: number): Promise<void>;
}

/** Starts the KV queue listener that dispatches messages to their handlers. */
export function listenQueue(services: Services): QueueListener {
  const inflight = new Set<Promise<void>>();
  const state: QueueListener = {
    listening: true,
    done: Promise.resolve(),
    async drain(timeoutMs) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<void>((r) => (timer = setTimeout(r, timeoutMs)));
      await Promise.race([Promise.allSettled([...inflight]), timeout]);
      clearTimeout(timer);
    },
  };
  const listening = services.kv.listenQueue((raw: unknown) => {
    const message = raw as QueueMessage;
    const handler = handlers.get(message?.type);
    if (!handler) {
      logger.warn("queue message without handler", { type: message?.type });
      return;
    }
    const job = runJob(services.kv, message, () => handler(message, services));
    inflight.add(job);
    return job.finally(() => inflight.delete(job));
  }).catch((error) => logger.error("queue listener stopped", { error }))
    .finally(() => (state.listening = false));
  state.done = listening.then(() => Promise.allSettled([...inflight])).then(() => {});
  return state;
}
