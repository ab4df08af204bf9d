/** Ends a run: the terminal KV state, the final event, the Postgres record and the demo feed. */
import type { Services } from "../../services.ts";
import { logger } from "../../telemetry/log.ts";
import { metrics } from "../../telemetry/metrics.ts";
import { costOf } from "../pricing.ts";
import type { Usage } from "../types.ts";
import { postRunToDemoFeed } from "./demo_feed.ts";
import { emitRunEvent } from "./events.ts";
import { addUsageRow, upsertRunRow } from "./persist.ts";
import { settleRunQuota } from "./quota.ts";
import { capOutput, isTerminal, type RunRecord, updateRun } from "./record.ts";
import { storableText } from "../../validation/text.ts";
import { recordUnanswered } from "../../unanswered/record.ts";

/** How a run ended. */
export type RunOutcome =
  | { status: "succeeded"; output: string; usage: Usage; model: string }
  | { status: "cancelled"; output: string; usage: Usage }
  | { status: "failed"; output: string; usage: Usage; code: string; message: string };

/**
 * Moves a run to its terminal state once (a second call is a no-op returning null), tells its
 * stream, settles its quota reservation with the real usage, then persists it. With `attempt`, only that attempt may finish it (a worker whose
 * lease was taken over cannot end the newer attempt). Persisting may throw (Postgres down): the run is then terminal in
 * KV with `persisted: false`, and the queue redelivery or the sweeper persists it later.
 */
export async function finishRun(
  services: Services,
  runId: string,
  outcome: RunOutcome,
  attempt?: number,
): Promise<RunRecord | null> {
  const finishedAt = Date.now();
  const output = storableText(capOutput(outcome.output));
  const run = await updateRun(services.kv, runId, (r) => {
    if (isTerminal(r.status) || (attempt !== undefined && r.attempt !== attempt)) return null;
    const model = outcome.status === "succeeded" ? outcome.model : r.model;
    return {
      ...r,
      status: outcome.status,
      model,
      output,
      usage: outcome.usage,
      costUsd: costOf(model, outcome.usage),
      error: outcome.status === "failed"
        ? { code: outcome.code, message: storableText(outcome.message) }
        : null,
      finishedAt,
      worker: null,
      leaseUntil: null,
      persisted: false,
    };
  });
  if (!run) return null;
  metrics.run({ agent: run.agent, provider: run.provider, outcome: outcome.status });
  if (outcome.status === "failed") {
    await emitRunEvent(services, runId, "error", { code: outcome.code, message: outcome.message });
  } else {
    await emitRunEvent(services, runId, "done", {
      status: outcome.status,
      output,
      tokensIn: run.usage.tokensIn,
      tokensOut: run.usage.tokensOut,
      costUsd: run.costUsd,
      durationMs: finishedAt - (run.startedAt ?? run.createdAt),
    });
  }
  await settleRunQuota(services, run).catch((error) =>
    logger.error("run quota not settled", { runId, error })
  );
  await persistRun(services, run);
  return run;
}

/**
 * Writes a terminal run to Postgres (row, usage and, for the docs assistant, an unanswered
 * question in one transaction), marks it persisted and
 * posts it to the demo feed. Idempotent: a run already persisted is left alone.
 */
export async function persistRun(services: Services, run: RunRecord): Promise<void> {
  if (run.persisted) return;
  await services.db.transaction(async (tx) => {
    const before = await tx.query<{ status: string }>(
      "select status from agent_runs where id = $1 for update",
      [run.id],
    );
    const counted = before[0] && isTerminal(before[0].status as RunRecord["status"]);
    await upsertRunRow(tx, run);
    if (!counted) {
      await addUsageRow(tx, run);
      await recordUnanswered(tx, run);
    }
  });
  const marked = await updateRun(
    services.kv,
    run.id,
    (r) => r.persisted ? null : { ...r, persisted: true },
  );
  if (!marked) return;
  logger.info("run finished", {
    runId: run.id,
    agent: run.agent,
    status: run.status,
    attempts: run.attempt,
    tokensIn: run.usage.tokensIn,
    tokensOut: run.usage.tokensOut,
  });
  await postRunToDemoFeed(services, marked, marked.trackable);
}
