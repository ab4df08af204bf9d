/**
 * The demo's view of a run, rebuilt from its events: pure, so replaying the same events (after
 * a reload or a reconnect) always gives the same text, and an event seen twice is ignored.
 */
import { summarizeArgs, summarizeResult } from "./format.ts";
import type { DemoStep } from "./types.ts";

/** What the demo shows about one run. */
export interface RunView {
  /** Last event applied (events at or below it are duplicates). */
  seq: number;
  status: "queued" | "running" | "retrying" | "succeeded" | "failed" | "cancelled";
  providerLabel: string | null;
  attempt: number;
  text: string;
  steps: DemoStep[];
  tokensIn: number;
  tokensOut: number;
  costUsd: number;
  error: string | null;
  notice: string | null;
}

/** A run before any event. */
export const EMPTY_RUN: RunView = {
  seq: 0,
  status: "queued",
  providerLabel: null,
  attempt: 0,
  text: "",
  steps: [],
  tokensIn: 0,
  tokensOut: 0,
  costUsd: 0,
  error: null,
  notice: null,
};

/** True once the run ended. */
export function isFinished(v: RunView): boolean {
  return v.status === "succeeded" || v.status === "failed" || v.status === "cancelled";
}

// deno-lint-ignore no-explicit-any
type Data = any;

/** Applies event `seq` of type `type`; returns `view` unchanged for a duplicate. */
export function applyRunEvent(view: RunView, seq: number, type: string, data: Data): RunView {
  if (seq <= view.seq) return view;
  const v: RunView = { ...view, seq };
  switch (type) {
    case "started":
      return {
        ...v,
        status: "running",
        attempt: data.attempt,
        providerLabel: data.providerLabel,
        text: "",
        steps: [],
        notice: data.attempt > 1 ? `Attempt ${data.attempt}` : null,
      };
    case "token":
      return { ...v, text: v.text + data.text };
    case "tool_call":
      return {
        ...v,
        steps: [...v.steps, {
          id: data.id,
          name: data.name,
          arguments: data.arguments ?? {},
          status: "running",
          summary: summarizeArgs(data.name, data.arguments ?? {}),
        }],
      };
    case "tool_result":
      return {
        ...v,
        steps: v.steps.map((s) =>
          s.id === data.id
            ? {
              ...s,
              status: data.error ? "failed" : "done",
              summary: summarizeResult(data.name, data.result, data.error),
            }
            : s
        ),
      };
    case "usage":
      return { ...v, tokensIn: data.tokensIn, tokensOut: data.tokensOut, costUsd: data.costUsd };
    case "retrying":
      return {
        ...v,
        status: "retrying",
        notice: `${data.message} Retrying in ${Math.ceil(data.delayMs / 1000)} s.`,
      };
    case "done":
      return {
        ...v,
        status: data.status,
        text: data.status === "succeeded" ? data.output : v.text,
        tokensIn: data.tokensIn,
        tokensOut: data.tokensOut,
        costUsd: data.costUsd,
        notice: data.status === "cancelled" ? "Cancelled." : null,
      };
    case "error":
      return { ...v, status: "failed", error: data.message, notice: null };
    default:
      return v;
  }
}
