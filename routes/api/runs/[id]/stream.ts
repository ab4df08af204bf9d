import type { Handlers } from "../../../../lib/framework/mod.ts";
import { runEventsPrefix } from "../../../../kv/keys.ts";
import { TERMINAL_EVENTS } from "../../../../lib/agents/runs/events.ts";
import { visibleRun } from "../../../../lib/agents/runs/lookup.ts";
import { claimSseSlot } from "../../../../lib/http/sse_slots.ts";
import { lastEventId, sseResponse } from "../../../../lib/http/sse.ts";
import { readHead } from "../../../../lib/realtime/event_log.ts";

const HEARTBEAT_MS = 10_000;

/**
 * `GET /api/runs/:id/stream`: the run's events as SSE (`started`, `token`, `tool_call`,
 * `tool_result`, `usage`, `retrying`, then `done` or `error`), each with its seq as `id`;
 * resumes after `Last-Event-ID`; heartbeats while idle; ends after the terminal event.
 */
export const handler: Handlers = {
  GET: async (ctx) => {
    const run = await visibleRun(ctx, ctx.params.id);
    const services = ctx.state.services;
    const prefix = runEventsPrefix(run.id);
    const after = lastEventId(ctx.req, ctx.url) ?? 0;
    const finished = ["succeeded", "failed", "cancelled"].includes(run.status);
    const head = await readHead(services.kv, prefix);
    return sseResponse(async (send, heartbeat, signal) => {
      if (finished && head <= after) {
        if (head === 0) {
          send(
            run.status === "failed"
              ? {
                event: "error",
                data: run.error ?? { code: "failed", message: "The run failed." },
              }
              : {
                event: "done",
                data: {
                  status: run.status,
                  output: run.output ?? "",
                  tokensIn: run.tokensIn,
                  tokensOut: run.tokensOut,
                  costUsd: run.costUsd,
                  durationMs: 0,
                },
              },
          );
        }
        return;
      }
      for await (const e of services.hub.follow(prefix, after, signal, heartbeat, HEARTBEAT_MS)) {
        send({ id: e.seq, event: e.type, data: e.data });
        if ((TERMINAL_EVENTS as readonly string[]).includes(e.type)) return;
      }
    }, { shutdown: services.shutdown, retryMs: 1000, onClose: claimSseSlot(ctx) });
  },
};
