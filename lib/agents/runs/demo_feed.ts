/** Posts finished runs to the demo feed (issue 6's `recordDemoEvent`). */
import type { Services } from "../../services.ts";
import { logger } from "../../telemetry/log.ts";
import { recordDemoEvent } from "../../tracking/record.ts";
import type { RunRecord } from "./record.ts";

/**
 * Records `demo_completed` (or `demo_failed`) for a finished run: in its workspace's feed, or
 * for anonymous runs in the site's public feed when the visitor consented to analytics.
 * Never fails the run: a feed outage only logs a warning.
 */
export async function postRunToDemoFeed(services: Services, run: RunRecord, trackable: boolean) {
  if (!run.owner.tenantId && !trackable) return;
  if (run.status === "cancelled") return;
  try {
    await recordDemoEvent(services, {
      type: run.status === "succeeded" ? "demo_completed" : "demo_failed",
      agent: run.agent,
      runId: run.id,
      durationMs: Math.max(0, (run.finishedAt ?? Date.now()) - (run.startedAt ?? run.createdAt)),
      tokens: run.usage.tokensIn + run.usage.tokensOut,
      workspaceId: run.owner.tenantId,
      traceparent: run.traceparent,
    });
  } catch (error) {
    logger.warn("demo feed post failed", { runId: run.id, error });
  }
}
