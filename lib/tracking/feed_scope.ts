/**
 * What a feed request (`GET /demo/stream`, `GET /demo/events`) reads: a workspace's full feed
 * for its members (`?workspace=<slug>`, checked by `authorize`: other workspaces answer 404),
 * or the public feed, anonymized, for everyone else. Optional `?types=a,b` filters by type.
 */
import { z } from "zod";
import { agentById } from "../agents/registry.ts";
import { authorize } from "../auth/authorize.ts";
import type { FreshContext } from "../framework/mod.ts";
import { encodeSseEvent } from "../http/sse.ts";
import type { LoggedEvent } from "../realtime/event_log.ts";
import {
  DEMO_EVENT_TYPES,
  type DemoEvent,
  type DemoEventType,
  type FeedEvent,
  toPublicEvent,
} from "./events.ts";
import { PUBLIC_FEED, workspaceFeed } from "./feeds.ts";
import { parseOr400, queryOf } from "./parse.ts";

/** The log a request reads and how its events are shown. */
export interface FeedScope {
  prefix: Deno.KvKey;
  view: "public" | "workspace";
  /** Only these types (all when null). */
  types: ReadonlySet<DemoEventType> | null;
}

const querySchema = z.object({
  workspace: z.string().min(1).max(100).optional(),
  types: z.string().max(500).optional().transform((v, ctx) => {
    if (!v) return null;
    const list = v.split(",").map((s) => s.trim()).filter(Boolean);
    const bad = list.filter((t) => !(DEMO_EVENT_TYPES as readonly string[]).includes(t));
    if (bad.length) ctx.addIssue({ code: "custom", message: `unknown types: ${bad.join(", ")}` });
    return new Set(list as DemoEventType[]);
  }),
  after: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  last: z.coerce.number().int().min(0).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
  heartbeat: z.coerce.number().int().min(1).max(60).optional(),
});

/** The validated query of a feed request. */
export type FeedQuery = z.output<typeof querySchema>;

/** Parses the query (400 on bad values) and decides the scope (401/404 via `authorize`). */
export async function feedScopeOf(
  ctx: Pick<FreshContext, "req" | "url" | "state">,
): Promise<{ scope: FeedScope; query: FeedQuery }> {
  const query = parseOr400(
    querySchema,
    queryOf(ctx.url),
    "invalid_query",
    "The query is not valid.",
  );
  if (query.workspace !== undefined) {
    const auth = await authorize(ctx, { workspace: query.workspace });
    return {
      scope: { prefix: workspaceFeed(auth.workspace.id), view: "workspace", types: query.types },
      query,
    };
  }
  return { scope: { prefix: PUBLIC_FEED, view: "public", types: query.types }, query };
}

/** A logged event as the scope shows it, or null when the type filter drops it. */
export function feedEventOf(scope: FeedScope, e: LoggedEvent<DemoEvent>): FeedEvent | null {
  const type = e.type as DemoEventType;
  if (scope.types && !scope.types.has(type)) return null;
  return {
    seq: e.seq,
    type,
    at: e.at,
    data: scope.view === "public" ? toPublicEvent(e.data, (id) => !!agentById(id)) : e.data,
  };
}

const serialized = new WeakMap<
  LoggedEvent<DemoEvent>,
  Partial<Record<FeedScope["view"], string>>
>();

/**
 * The event as the SSE `data:` JSON of this scope, or null when filtered out. Serialized once
 * per event and view, however many clients follow the feed.
 */
export function feedDataOf(scope: FeedScope, e: LoggedEvent<DemoEvent>): string | null {
  if (scope.types && !scope.types.has(e.type as DemoEventType)) return null;
  let byView = serialized.get(e);
  if (!byView) serialized.set(e, byView = {});
  return byView[scope.view] ??= JSON.stringify(feedEventOf({ ...scope, types: null }, e));
}

const framed = new WeakMap<
  LoggedEvent<DemoEvent>,
  Partial<Record<FeedScope["view"], Uint8Array>>
>();

/**
 * The event as SSE bytes (`id:` and `data:`) of this scope, or null when filtered out. Encoded
 * once per event and view: every client of the feed is sent the same bytes.
 */
export function feedFrameOf(scope: FeedScope, e: LoggedEvent<DemoEvent>): Uint8Array | null {
  const data = feedDataOf(scope, e);
  if (data === null) return null;
  let byView = framed.get(e);
  if (!byView) framed.set(e, byView = {});
  return byView[scope.view] ??= encodeSseEvent({ id: e.seq, data });
}
