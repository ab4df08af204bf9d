/**
 * The demo feed's event shapes: what browsers and server code may record (validated with zod),
 * what is stored in KV, and the anonymized form the public "live now" strip receives. No
 * server-only imports: the ActivityFeed island shares these types.
 */
import { z } from "zod";
import { text } from "../validation/text.ts";

/** Event types the demo feed accepts. */
export const DEMO_EVENT_TYPES = [
  "page_view",
  "cta_click",
  "demo_started",
  "demo_completed",
  "demo_failed",
  "lead_submitted",
  "signup",
] as const;

/** One of {@link DEMO_EVENT_TYPES}. */
export type DemoEventType = typeof DEMO_EVENT_TYPES[number];

const slug = text().min(1).max(64).regex(/^[A-Za-z0-9_.:-]+$/, "letters, digits, _ . : -");

/** What a client sends to `POST /demo/record` (unknown fields are refused). */
export const demoEventInputSchema = z.object({
  type: z.enum(DEMO_EVENT_TYPES),
  /** Path of the page the event happened on (no query string, no origin). */
  path: text().max(512).regex(/^\/[^?#\s]*$/, "a path starting with /, without query")
    .optional(),
  /** Agent id, for demo events. */
  agent: slug.optional(),
  /** Agent run id, for demo events. */
  runId: slug.optional(),
  /** A short label (the CTA's name). */
  label: text().trim().min(1).max(80).optional(),
  /** How long the thing took, in milliseconds. */
  durationMs: z.number().int().min(0).max(86_400_000).optional(),
  /** Model tokens spent, for demo runs. */
  tokens: z.number().int().min(0).max(10_000_000).optional(),
}).strict();

/** A validated event from a client. */
export type DemoEventInput = z.infer<typeof demoEventInputSchema>;

/** How an event was authenticated. */
export type DemoEventSource = "session" | "token" | "demo_key" | "server";

/** One stored event (the `data` of a logged event; its `type` is the log entry's type). */
export interface DemoEvent extends Omit<DemoEventInput, "type"> {
  /** The workspace the event belongs to (null: the public site, no workspace). */
  workspaceId: string | null;
  source: DemoEventSource;
  /** The request that recorded it. */
  requestId: string | null;
  /** The W3C trace context the event was recorded under. */
  traceparent: string | null;
  traceId: string | null;
}

/**
 * What the public, anonymized stream shows: what kind of thing happened, with which agent, how
 * long it took and how many tokens it used; nothing about who, where, or any free text a
 * client sent (so a key holder cannot put words on the home page).
 */
export interface PublicDemoEvent {
  agent?: string;
  durationMs?: number;
  tokens?: number;
}

/** Strips everything that could identify a visitor, workspace or request; `knownAgent` vets agent ids. */
export function toPublicEvent(e: DemoEvent, knownAgent: (id: string) => boolean): PublicDemoEvent {
  const out: PublicDemoEvent = {};
  if (e.agent && knownAgent(e.agent)) out.agent = e.agent;
  if (e.durationMs !== undefined) out.durationMs = e.durationMs;
  if (e.tokens !== undefined) out.tokens = e.tokens;
  return out;
}

/** One event as the feed endpoints send it (SSE `data:` and `/demo/events` items). */
export interface FeedEvent<T = DemoEvent | PublicDemoEvent> {
  seq: number;
  type: DemoEventType;
  at: number;
  data: T;
}
