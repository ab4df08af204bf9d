/** The job message that carries a run to a worker, and how it is enqueued. */
import { runDeadLetterKey } from "../../../kv/keys.ts";
import type { Services } from "../../services.ts";

/** Message type of agent runs on the KV queue. */
export const RUN_MESSAGE_TYPE = "agent_run";

/** An agent-run job: which run, which attempt it starts, and the trace it belongs to. */
export interface RunMessage {
  type: typeof RUN_MESSAGE_TYPE;
  runId: string;
  /** The attempt this delivery starts (1 for the first). */
  attempt: number;
  /** The W3C trace context of the request that created the run. */
  traceparent?: string;
  [field: string]: unknown;
}

/** KV redelivers a handler that throws (infrastructure failures) on this schedule. */
export const REDELIVERY_MS = [1_000, 5_000, 15_000];

/**
 * Enqueues an attempt. If KV cannot deliver it after every redelivery, the message lands in
 * the dead-letter list (`["run_dead_letters", runId]`) for operators.
 */
export async function enqueueRun(
  services: Pick<Services, "jobs">,
  message: { runId: string; attempt: number; traceparent?: string },
  delayMs = 0,
): Promise<void> {
  const full: RunMessage = {
    type: RUN_MESSAGE_TYPE,
    runId: message.runId,
    attempt: message.attempt,
    ...(message.traceparent ? { traceparent: message.traceparent } : {}),
  };
  await services.jobs.enqueue(full, {
    delay: delayMs,
    backoffSchedule: REDELIVERY_MS,
    keysIfUndelivered: [runDeadLetterKey(message.runId)],
  });
}
