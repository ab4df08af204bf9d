/** The newest events of a workspace's feed, for server-rendering a live list before it connects. */
import { readLast } from "../realtime/event_log.ts";
import type { DemoEvent, DemoEventType, FeedEvent } from "./events.ts";
import { workspaceFeed } from "./feeds.ts";

/** The last `count` events of the workspace, oldest first. */
export async function recentWorkspaceEvents(
  kv: Deno.Kv,
  workspaceId: string,
  count = 20,
): Promise<FeedEvent<DemoEvent>[]> {
  const events = await readLast<DemoEvent>(kv, workspaceFeed(workspaceId), count);
  return events.map((e) => ({ seq: e.seq, type: e.type as DemoEventType, at: e.at, data: e.data }));
}
