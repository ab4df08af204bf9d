/**
 * The shipped transcripts (content/examples/*.json, written by `deno task record:examples`) and
 * what the live demo shows of them before a visitor starts a run of their own.
 */
import docsAssistant from "../../content/examples/docs-assistant.json" with { type: "json" };
import leadQualifier from "../../content/examples/lead-qualifier.json" with { type: "json" };
import supportTriage from "../../content/examples/support-triage.json" with { type: "json" };
import { providerLabel } from "../agents/providers/select.ts";
import { applyRunEvent, EMPTY_RUN } from "../live_demo/run_state.ts";
import type { RecordedRun } from "../live_demo/types.ts";
import type { AgentTranscripts, Transcript } from "./record.ts";

/** Every agent's shipped transcripts, by agent id. */
export const shippedTranscripts: Record<string, AgentTranscripts> = Object.fromEntries(
  ([docsAssistant, leadQualifier, supportTriage] as AgentTranscripts[]).map((t) => [t.agent, t]),
);

/** Replays a transcript's events the way the demo replays a live run's stream. */
export function recordedView(t: Transcript): RecordedRun {
  let view = applyRunEvent(EMPTY_RUN, 1, "started", {
    attempt: 1,
    providerLabel: providerLabel("offline"),
  });
  t.events.forEach((e, i) => (view = applyRunEvent(view, i + 2, e.type, e.data)));
  return {
    label: t.label,
    input: Object.fromEntries(
      Object.entries(t.input).filter(([, v]) => typeof v === "string"),
    ) as Record<string, string>,
    steps: view.steps.map((s) => ({ name: s.name, status: s.status, summary: s.summary })),
    output: view.text,
    tokensIn: view.tokensIn,
    tokensOut: view.tokensOut,
    providerLabel: view.providerLabel ?? providerLabel("offline"),
  };
}

/** The recorded example the demo shows for each agent: its first sample's transcript. */
export function recordedExamples(agentIds: string[]): Record<string, RecordedRun> {
  return Object.fromEntries(
    agentIds.flatMap((id) => {
      const first = shippedTranscripts[id]?.examples[0];
      return first ? [[id, recordedView(first)]] : [];
    }),
  );
}
