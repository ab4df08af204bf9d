/**
 * A run's timeline for the run page, replayed from its KV event log (`["run_events", runId]`):
 * streamed tokens merged into text segments, tool calls with their arguments, tool results,
 * usage, retries and the outcome, each with its offset from the run's start.
 */
import { runEventsPrefix } from "../../kv/keys.ts";
import { readAfter } from "../realtime/event_log.ts";

/** One line of the timeline. */
export interface TimelineEntry {
  /** First seq of the entry (token segments span several). */
  seq: number;
  /** Milliseconds since the run was created. */
  offsetMs: number;
  kind: string;
  title: string;
  /** Text or pretty JSON. */
  detail: string;
  /** Token chunks merged into a text segment. */
  chunks?: number;
  /** A text segment's chunks with their offsets, so the run page can replay them in time. */
  parts?: { offsetMs: number; text: string }[];
}

const MAX_EVENTS = 5000;
const MAX_DETAIL = 4000;
/** Streamed text kept per segment for the replay (an answer is rarely longer). */
const MAX_STREAMED = 20_000;

const json = (v: unknown) => {
  const text = JSON.stringify(v, null, 2) ?? "";
  return text.length > MAX_DETAIL ? `${text.slice(0, MAX_DETAIL)}…` : text;
};

/** The timeline of a run (empty when its events have expired). */
export async function runTimeline(
  kv: Deno.Kv,
  runId: string,
  createdAt: number,
): Promise<TimelineEntry[]> {
  const events = await readAfter<Record<string, unknown>>(
    kv,
    runEventsPrefix(runId),
    0,
    MAX_EVENTS,
  );
  const out: TimelineEntry[] = [];
  for (const e of events) {
    const offsetMs = Math.max(0, e.at - createdAt);
    const d = e.data ?? {};
    const prev = out.at(-1);
    switch (e.type) {
      case "token": {
        const text = String(d.text ?? "");
        if (prev?.kind === "tokens") {
          prev.detail = (prev.detail + text).slice(0, MAX_DETAIL);
          prev.chunks = (prev.chunks ?? 1) + 1;
          prev.title = `Streamed text (${prev.chunks} chunks)`;
          const kept = prev.parts!.reduce((n, p) => n + p.text.length, 0);
          if (kept < MAX_STREAMED) {
            prev.parts!.push({ offsetMs, text: text.slice(0, MAX_STREAMED - kept) });
          }
        } else {
          out.push({
            seq: e.seq,
            offsetMs,
            kind: "tokens",
            title: "Streamed text",
            detail: text.slice(0, MAX_DETAIL),
            chunks: 1,
            parts: [{ offsetMs, text: text.slice(0, MAX_STREAMED) }],
          });
        }
        break;
      }
      case "started":
        out.push({
          seq: e.seq,
          offsetMs,
          kind: "started",
          title: `Attempt ${d.attempt ?? 1} started on ${d.providerLabel ?? d.provider ?? "?"}`,
          detail: d.model ? `Model ${d.model}` : "",
        });
        break;
      case "tool_call":
        out.push({
          seq: e.seq,
          offsetMs,
          kind: "tool_call",
          title: `Tool call: ${d.name}`,
          detail: json(d.arguments),
        });
        break;
      case "tool_result":
        out.push({
          seq: e.seq,
          offsetMs,
          kind: "tool_result",
          title: `Tool result: ${d.name}${d.error ? " (error)" : ""}`,
          detail: d.error ? String(d.error) : json(d.result),
        });
        break;
      case "usage":
        out.push({
          seq: e.seq,
          offsetMs,
          kind: "usage",
          title: "Usage",
          detail: `${d.tokensIn ?? 0} tokens in, ${d.tokensOut ?? 0} out, $${
            Number(d.costUsd ?? 0).toFixed(6)
          }`,
        });
        break;
      case "retrying":
        out.push({
          seq: e.seq,
          offsetMs,
          kind: "retrying",
          title: `Retrying after attempt ${d.attempt}`,
          detail: `${d.code}: ${d.message} (next try in ${d.delayMs} ms)`,
        });
        break;
      case "done":
        out.push({
          seq: e.seq,
          offsetMs,
          kind: "done",
          title: `Finished: ${d.status}`,
          detail: `${d.tokensIn ?? 0} tokens in, ${d.tokensOut ?? 0} out, ${
            d.durationMs ?? "?"
          } ms`,
        });
        break;
      case "error":
        out.push({
          seq: e.seq,
          offsetMs,
          kind: "error",
          title: `Failed: ${d.code}`,
          detail: String(d.message ?? ""),
        });
        break;
      default:
        out.push({ seq: e.seq, offsetMs, kind: e.type, title: e.type, detail: json(d) });
    }
  }
  return out;
}

/** Milliseconds from the run's creation to its last recorded event (the replay's length). */
export function timelineDuration(entries: TimelineEntry[]): number {
  return Math.max(0, ...entries.map((e) => e.parts?.at(-1)?.offsetMs ?? e.offsetMs));
}
