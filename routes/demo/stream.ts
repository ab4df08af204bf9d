import type { Handlers } from "../../lib/framework/mod.ts";
import { readHead } from "../../lib/realtime/event_log.ts";
import { claimSseSlot } from "../../lib/http/sse_slots.ts";
import { lastEventId, sharedInterval, sseResponse } from "../../lib/http/sse.ts";
import type { DemoEvent } from "../../lib/tracking/events.ts";
import { subscribeShared } from "../../lib/tracking/fanout.ts";
import { feedFrameOf, feedScopeOf } from "../../lib/tracking/feed_scope.ts";

/** Events replayed to a new client without `Last-Event-ID` (override with `?last=N`). */
const DEFAULT_REPLAY = 20;
/** Seconds between heartbeats on a quiet stream (override with `?heartbeat=N`). */
const DEFAULT_HEARTBEAT_S = 15;
/** Milliseconds a disconnected client waits before reconnecting. */
const RETRY_MS = 2000;

/**
 * `GET /demo/stream`: Server-Sent Events of the demo feed. Resumes after `Last-Event-ID` (or
 * `?lastEventId=`), else replays the last `?last=` events (default 20), then follows live on
 * every instance (one shared KV follower per feed and process, pushing each event's bytes,
 * encoded once, to every client: lib/tracking/fanout.ts); heartbeats on one shared timer per
 * period keep proxies open; a `retry` hint paces reconnects and a restart ends streams cleanly. `?workspace=<slug>` (members only) is the workspace's full feed; without
 * it the public feed, anonymized.
 */
export const handler: Handlers = {
  GET: async (ctx) => {
    const { scope, query } = await feedScopeOf(ctx);
    const { services } = ctx.state;
    const resume = lastEventId(ctx.req, ctx.url);
    const after = resume ??
      Math.max(0, await readHead(services.kv, scope.prefix) - (query.last ?? DEFAULT_REPLAY));
    const heartbeatMs = (query.heartbeat ?? DEFAULT_HEARTBEAT_S) * 1000;
    return sseResponse(async (send, heartbeat, signal) => {
      sharedInterval(heartbeatMs, heartbeat, signal);
      await subscribeShared<DemoEvent>(services, scope.prefix, after, signal, (e) => {
        const bytes = feedFrameOf(scope, e);
        if (bytes !== null) send(bytes);
      });
    }, {
      shutdown: services.shutdown,
      retryMs: RETRY_MS,
      headers: { vary: "cookie" },
      onClose: claimSseSlot(ctx),
    });
  },
};
