import type { RunView } from "./run_state.ts";
import type { StreamState } from "./stream.ts";

/** The live demo's one-line status, read out by screen readers as it changes. */
export function statusText(
  { starting, hasRun, view: v, conn }: {
    starting: boolean;
    hasRun: boolean;
    view: RunView;
    conn: StreamState;
  },
): string {
  if (starting) return "Starting…";
  if (!hasRun) return "Ready.";
  if (v.status === "succeeded") return "Done.";
  if (v.status === "failed") return "The run failed.";
  if (v.status === "cancelled") return "Cancelled.";
  if (conn === "reconnecting") return "Connection lost, reconnecting…";
  if (v.status === "retrying") return v.notice ?? "Retrying…";
  if (v.seq === 0) return "Waiting for a worker…";
  const step = v.steps.find((s) => s.status === "running");
  return step ? `Calling ${step.name}…` : "Running…";
}
