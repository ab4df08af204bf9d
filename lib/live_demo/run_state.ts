/**
 * The demo's view of a run, rebuilt from its events: pure, so replaying the same events (after
 * a reload or a reconnect) always gives the same text, and an event seen twice is ignored.
 */
import { estimateTokens } from "../agents/tokens.ts";
import { costOf } from "../agents/pricing.ts";
import { summarizeArgs, summarizeResult } from "./format.ts";
import type { DemoStep } from "./types.ts";

/** What the demo shows about one run. */
export interface RunView {
  /** Last event applied (events at or below it are duplicates). */
  seq: number;
  status: "queued" | "running" | "retrying" | "succeeded" | "failed" | "cancelled";
  providerLabel: string | null;
  attempt: number;
  model: string;
  text: string;
  steps: DemoStep[];
  /** Text segments and step indexes (into `steps`), in the order they happened. */
  parts: (string | number)[];
  tokensIn: number;
  tokensOut: number;
  costUsd: number;
  /** False while tokens and cost are estimated from the stream; true once the provider's usage came. */
  measured: boolean;
  error: string | null;
  notice: string | null;
}

/** A run before any event. */
export const EMPTY_RUN: RunView = {
  seq: 0,
  status: "queued",
  providerLabel: null,
  attempt: 0,
  model: "",
  text: "",
  steps: [],
  parts: [],
  tokensIn: 0,
  tokensOut: 0,
  costUsd: 0,
  measured: false,
  error: null,
  notice: null,
};

/** True once the run ended. */
export function isFinished(v: RunView): boolean {
  return v.status === "succeeded" || v.status === "failed" || v.status === "cancelled";
}

// deno-lint-ignore no-explicit-any
type Data = any;

function estimated(v: RunView, tokensIn: number, text: string): RunView {
  const usage = { tokensIn, tokensOut: estimateTokens(text) };
  return { ...v, text, ...usage, costUsd: v.model ? costOf(v.model, usage) : 0 };
}

function appendText(parts: (string | number)[], text: string): (string | number)[] {
  const last = parts[parts.length - 1];
  return typeof last === "string" ? [...parts.slice(0, -1), last + text] : [...parts, text];
}

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
        model: data.model ?? "",
        text: "",
        steps: [],
        parts: [],
        tokensIn: data.promptTokens ?? 0,
        tokensOut: 0,
        costUsd: 0,
        measured: false,
        notice: data.attempt > 1 ? `Attempt ${data.attempt}` : null,
      };
    case "token": {
      const next = { ...v, parts: appendText(v.parts, data.text) };
      return v.measured
        ? { ...next, text: v.text + data.text }
        : estimated(next, v.tokensIn, v.text + data.text);
    }
    case "tool_call":
      return {
        ...v,
        parts: [...v.parts, v.steps.length],
        steps: [...v.steps, {
          id: data.id,
          name: data.name,
          arguments: data.arguments ?? {},
          status: "running",
          summary: summarizeArgs(data.name, data.arguments ?? {}),
        }],
      };
    case "tool_result": {
      const next = {
        ...v,
        steps: v.steps.map((s): DemoStep =>
          s.id === data.id
            ? {
              ...s,
              status: data.error ? "failed" : "done",
              result: data.error ?? data.result,
              summary: summarizeResult(data.name, data.result, data.error),
            }
            : s
        ),
      };
      return v.measured
        ? next
        : estimated(next, v.tokensIn + estimateTokens(JSON.stringify(data.result ?? "")), v.text);
    }
    case "usage":
      return {
        ...v,
        tokensIn: data.tokensIn,
        tokensOut: data.tokensOut,
        costUsd: data.costUsd,
        measured: true,
      };
    case "retrying":
      return {
        ...v,
        status: "retrying",
        notice: `${data.message} Retrying in ${Math.ceil(data.delayMs / 1000)} s.`,
      };
    case "done": {
      const replaced = data.status === "succeeded" && data.output !== v.text;
      return {
        ...v,
        status: data.status,
        text: replaced ? data.output : v.text,
        parts: replaced ? [...v.parts.filter((p) => typeof p === "number"), data.output] : v.parts,
        tokensIn: data.tokensIn,
        tokensOut: data.tokensOut,
        costUsd: data.costUsd,
        measured: true,
        notice: data.status === "cancelled" ? "Cancelled." : null,
      };
    }
    case "error":
      return { ...v, status: "failed", error: data.message, notice: null };
    default:
      return v;
  }
}
