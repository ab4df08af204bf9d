import type { Handlers } from "../../lib/framework/mod.ts";
import { readAfter, readHead, readLast } from "../../lib/realtime/event_log.ts";
import type { DemoEvent, FeedEvent } from "../../lib/tracking/events.ts";
import { feedEventOf, feedScopeOf } from "../../lib/tracking/feed_scope.ts";

const DEFAULT_LAST = 20;
const DEFAULT_LIMIT = 100;

/**
 * `GET /demo/events?after=<seq>`: the polling form of `/demo/stream` for clients that cannot
 * keep an EventSource open. Returns the events after `after`, oldest first (at most `limit`,
 * default 100), or without `after` the last `last` (default 20); `next` is the cursor for the
 * following call and `head` the feed's newest seq. Same scopes as the stream.
 */
export const handler: Handlers = {
  GET: async (ctx) => {
    const { scope, query } = await feedScopeOf(ctx);
    const { kv } = ctx.state.services;
    const head = await readHead(kv, scope.prefix);
    const batch = query.after === undefined
      ? await readLast<DemoEvent>(kv, scope.prefix, query.last ?? DEFAULT_LAST)
      : await readAfter<DemoEvent>(kv, scope.prefix, query.after, query.limit ?? DEFAULT_LIMIT);
    const events = batch.map((e) => feedEventOf(scope, e)).filter((e): e is FeedEvent =>
      e !== null
    );
    const next = batch.at(-1)?.seq ?? (query.after ?? head);
    return Response.json({ events, next, head }, {
      headers: { "cache-control": "no-store", vary: "cookie" },
    });
  },
};
