/** Human wording of demo events, shared by the ActivityFeed island and server pages (no imports). */
import type { DemoEventType, FeedEvent } from "./events.ts";

/** A short name per event type. */
export const EVENT_LABELS: Record<DemoEventType, string> = {
  page_view: "Page view",
  cta_click: "Call-to-action click",
  demo_started: "Demo started",
  demo_completed: "Demo completed",
  demo_failed: "Demo failed",
  lead_submitted: "Lead submitted",
  signup: "Sign-up",
};

/** One line of details: where, which agent, which button, how long, how many tokens. */
export function describeEvent(e: FeedEvent): string {
  const d = e.data as Record<string, unknown>;
  const parts: string[] = [];
  if (typeof d.agent === "string") parts.push(`${d.agent} agent`);
  if (typeof d.label === "string") parts.push(`“${d.label}”`);
  if (typeof d.path === "string") parts.push(d.path);
  if (typeof d.durationMs === "number") parts.push(`${(d.durationMs / 1000).toFixed(1)} s`);
  if (typeof d.tokens === "number") parts.push(`${d.tokens.toLocaleString("en")} tokens`);
  return parts.join(" · ");
}

/** `HH:MM:SS` UTC of an epoch-ms time (the same on server and browser, so hydration matches). */
export function clockTime(at: number): string {
  return new Date(at).toISOString().slice(11, 19);
}
