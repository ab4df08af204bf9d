/** Cancelling a run: queued runs end at once; running ones stop at their next chunk. */
import type { Services } from "../../services.ts";
import { finishRun } from "./finish.ts";
import { abortLocalRun } from "./local_runs.ts";
import { getRun, isTerminal, type RunStatus, updateRun } from "./record.ts";
import { RunAborted } from "./worker.ts";

/**
 * Marks the run for cancellation and stops it: a queued run is finished as cancelled now; a
 * running one is aborted at once when it runs on this instance, else by its worker's next
 * heartbeat (within two seconds). Returns the run's status afterwards (null when the run is no
 * longer in KV: it finished long ago).
 */
export async function cancelRun(services: Services, runId: string): Promise<RunStatus | null> {
  const marked = await updateRun(
    services.kv,
    runId,
    (r) => isTerminal(r.status) || r.cancelRequested ? null : { ...r, cancelRequested: true },
  );
  if (!marked) return (await getRun(services.kv, runId))?.status ?? null;
  if (marked.status === "queued") {
    await finishRun(services, runId, { status: "cancelled", output: "", usage: marked.usage });
    return "cancelled";
  }
  abortLocalRun(runId, new RunAborted("cancelled"));
  return marked.status;
}
