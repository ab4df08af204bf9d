/** Job handlers by message type; both jobs backends dispatch through this one table. */
import type { Services } from "../services.ts";

/** Every job message carries its type and, optionally, the trace it belongs to. */
export interface JobMessage {
  type: string;
  traceparent?: string;
  [field: string]: unknown;
}

/** Handles one message type; throwing makes the backend retry it with backoff. */
export type JobHandler = (message: JobMessage, services: Services) => Promise<void>;

const handlers = new Map<string, JobHandler>();

/** Registers the handler for a message type (one per type). */
export function onJob(type: string, handler: JobHandler) {
  if (handlers.has(type)) throw new Error(`job handler for ${type} registered twice`);
  handlers.set(type, handler);
}

/** The handler of a message type, if one is registered. */
export function jobHandler(type: string): JobHandler | undefined {
  return handlers.get(type);
}

/** Every registered message type. */
export function jobTypes(): string[] {
  return [...handlers.keys()];
}
