import { useEffect, useState } from "preact/hooks";
import type { FeedEvent } from "../lib/tracking/events.ts";
import { clockTime, describeEvent, EVENT_LABELS } from "../lib/tracking/labels.ts";
import {
  FEED_EVENTS,
  type FeedStatus,
  type FeedTransport,
  followFeed,
} from "../lib/tracking/live_feed.ts";

/** Props of {@link ActivityFeed}. */
export interface ActivityFeedProps {
  /** Workspace slug for an operator's feed; absent: the public, anonymized feed. */
  workspace?: string;
  /** Accessible name of the list. */
  label: string;
  /** Events rendered on the server, oldest first (the feed resumes after the last one). */
  initial?: FeedEvent[];
  /** Most events kept on screen (default 20). */
  max?: number;
  /** Only these event types (all when absent). */
  types?: string[];
  /** What the list says while it has no events. */
  emptyText?: string;
}

const STATUS_TEXT: Record<FeedStatus, string> = {
  connecting: "Connecting…",
  live: "Live",
  reconnecting: "Reconnecting…",
  offline: "Offline: waiting for the network",
};

/**
 * A live list of demo-feed events with a visible connection state (connecting, live,
 * reconnecting, offline). Newest first; never shows an event twice or skips one across
 * reconnects, and keeps working by polling when EventSource is unavailable.
 */
export default function ActivityFeed(
  {
    workspace,
    label,
    initial = [],
    max = 20,
    types,
    emptyText = "No activity yet. New events appear here as they happen.",
  }: ActivityFeedProps,
) {
  const [events, setEvents] = useState<FeedEvent[]>(() => initial.slice(-max).reverse());
  const [status, setStatus] = useState<FeedStatus>("connecting");
  const [transport, setTransport] = useState<FeedTransport>("stream");
  const [retryIn, setRetryIn] = useState<number | undefined>(undefined);

  useEffect(() => {
    const stop = followFeed({
      query: new URLSearchParams({
        ...(workspace ? { workspace } : {}),
        ...(types ? { types: types.join(",") } : {}),
      }).toString(),
      after: initial.length ? initial[initial.length - 1].seq : null,
      onEvents: (fresh) => {
        setEvents((old) => [...fresh.slice().reverse(), ...old].slice(0, max));
        dispatchEvent(new CustomEvent(FEED_EVENTS, { detail: fresh }));
      },
      onStatus: (s, t, delay) => {
        setStatus(s);
        setTransport(t);
        setRetryIn(delay);
      },
    });
    return stop;
  }, [workspace]);

  const statusText = status === "reconnecting" && retryIn !== undefined
    ? `Reconnecting in ${Math.max(1, Math.round(retryIn / 1000))} s…`
    : status === "live" && transport === "polling"
    ? "Live (polling)"
    : STATUS_TEXT[status];
  return (
    <div class="activity-feed" data-status={status} data-transport={transport}>
      <p class="feed-status" role="status">
        <span class={status === "live" ? "badge live" : "badge"}>{statusText}</span>
      </p>
      {events.length === 0
        ? <p class="feed-empty">{emptyText}</p>
        : (
          <ol class="activity-list feed-list" aria-label={label}>
            {events.map((e) => (
              <li key={e.seq} data-seq={e.seq} data-type={e.type}>
                <time datetime={new Date(e.at).toISOString()}>{clockTime(e.at)}</time>
                <strong>{EVENT_LABELS[e.type] ?? e.type}</strong>
                <span class="feed-detail">{describeEvent(e)}</span>
              </li>
            ))}
          </ol>
        )}
    </div>
  );
}
