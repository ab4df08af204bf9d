/** The events of a run's stream (`["run_events", runId, seq]`), as SSE clients receive them. */
import { runEventsPrefix } from "../../../kv/keys.ts";
import { publish } from "../../realtime/publish.ts";
import type { Services } from "../../services.ts";
import { RUN_TTL_MS } from "./record.ts";

/** Payload of each event type. */
export interface RunEventMap {
  /** An attempt began (attempt > 1 means: drop the text of the previous attempt). */
  started: {
    attempt: number;
    provider: string;
    providerLabel: string;
    model: string;
    /** Estimated tokens of the prompt (the live meter's starting point until usage comes). */
    promptTokens?: number;
  };
  token: { text: string };
  tool_call: { id: string; name: string; arguments: Record<string, unknown> };
  tool_result: { id: string; name: string; result: unknown; error?: string };
  usage: { tokensIn: number; tokensOut: number; costUsd: number };
  /** An attempt failed and another one is scheduled. */
  retrying: { attempt: number; code: string; message: string; delayMs: number };
  /** Terminal: the run succeeded or was cancelled. */
  done: {
    status: "succeeded" | "cancelled";
    output: string;
    tokensIn: number;
    tokensOut: number;
    costUsd: number;
    durationMs: number;
  };
  /** Terminal: the run failed. */
  error: { code: string; message: string };
}

/** A run event type. */
export type RunEventType = keyof RunEventMap;

/** Event types after which a run's stream ends. */
export const TERMINAL_EVENTS: readonly RunEventType[] = ["done", "error"];

/** Appends an event to the run's log and wakes its SSE followers on every instance. */
export async function emitRunEvent<T extends RunEventType>(
  services: Pick<Services, "kv" | "hub">,
  runId: string,
  type: T,
  data: RunEventMap[T],
): Promise<number> {
  const event = await publish(services, runEventsPrefix(runId), type, data, {
    expireIn: RUN_TTL_MS,
    headExpireIn: RUN_TTL_MS,
  });
  return event.seq;
}
