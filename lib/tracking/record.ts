/**
 * `recordDemoEvent`: the one way events enter the demo feed, from the `/demo/record` route and
 * from server code (the agent worker posts `demo_completed`, the leads code `lead_submitted`).
 */
import { z } from "zod";
import type { LoggedEvent } from "../realtime/event_log.ts";
import { publish } from "../realtime/publish.ts";
import type { Services } from "../services.ts";
import { parseTraceparent } from "../telemetry/trace_context.ts";
import { countDemoEvent } from "./counters.ts";
import { type DemoEvent, type DemoEventInput, demoEventInputSchema } from "./events.ts";
import { PUBLIC_FEED, siteWorkspaceId, workspaceFeed } from "./feeds.ts";

/** What server code passes to {@link recordDemoEvent}. */
export interface RecordDemoEventInput extends DemoEventInput {
  /** The workspace the event belongs to; null or absent: the public site (see SITE_WORKSPACE). */
  workspaceId?: string | null;
  /** How the event was authenticated (default "server"). */
  source?: DemoEvent["source"];
  /** The request that caused it. */
  requestId?: string | null;
  /** The W3C `traceparent` it happened under. */
  traceparent?: string | null;
}

/** Where an event went: its position in the public log and in its workspace's log. */
export interface RecordedDemoEvent {
  event: DemoEvent;
  public: LoggedEvent<DemoEvent> | null;
  workspace: LoggedEvent<DemoEvent> | null;
}

const UUID = z.uuid();

/**
 * Validates and stores one event with the retention TTL, appends it to the workspace's feed
 * (anonymous events: the SITE_WORKSPACE's) and, for the site's own traffic, to the public
 * feed, counts it for the day, and wakes live followers on every instance. Consent is the
 * caller's job: check `consentFrom(req)` before recording anything a visitor did.
 */
export async function recordDemoEvent(
  services: Pick<Services, "kv" | "hub" | "settings" | "db">,
  input: RecordDemoEventInput,
): Promise<RecordedDemoEvent> {
  const { workspaceId = null, source = "server", requestId = null, traceparent = null, ...rest } =
    input;
  const fields = demoEventInputSchema.parse(rest);
  if (workspaceId !== null) UUID.parse(workspaceId);
  const site = await siteWorkspaceId(services).catch(() => null);
  const owner = workspaceId ?? site;
  const isPublic = workspaceId === null || workspaceId === site;
  const trace = parseTraceparent(traceparent);
  const { type, ...data } = fields;
  const event: DemoEvent = {
    ...data,
    workspaceId: owner,
    source,
    requestId,
    traceparent: trace ? traceparent!.trim().toLowerCase() : null,
    traceId: trace?.traceId ?? null,
  };
  const expireIn = services.settings.retentionDays.demoEvents * 24 * 60 * 60 * 1000;
  const [pub, ws] = await Promise.all([
    isPublic ? publish(services, PUBLIC_FEED, type, event, { expireIn }) : null,
    owner ? publish(services, workspaceFeed(owner), type, event, { expireIn }) : null,
  ]);
  const at = (ws ?? pub)!.at;
  await countDemoEvent(services.kv, owner ?? "public", type, at);
  return { event, public: pub, workspace: ws };
}
