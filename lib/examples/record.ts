/**
 * Records the demo examples: runs every sample input of every agent through the offline engine,
 * exactly as a queued run does (input validated, prepared, tools called, answer streamed), and
 * keeps the events it emits. `deno task record:examples` writes them to content/examples/.
 */
import { loadSettings, type Settings } from "../config.ts";
import { searchDocs } from "../docs/search.ts";
import { costOf } from "../agents/pricing.ts";
import { OFFLINE_MODEL, runOffline } from "../agents/providers/offline.ts";
import type { AgentDefinition, ProviderSink } from "../agents/types.ts";

/** One event as a run's stream carries it. */
export interface TranscriptEvent {
  type: "tool_call" | "tool_result" | "token" | "usage";
  data: Record<string, unknown>;
}

/** One sample run of an agent, recorded. */
export interface Transcript {
  label: string;
  input: Record<string, unknown>;
  events: TranscriptEvent[];
  output: string;
  usage: { tokensIn: number; tokensOut: number; costUsd: number };
}

/** The transcripts of one agent's samples (one file under content/examples/). */
export interface AgentTranscripts {
  agent: string;
  engine: "offline";
  model: string;
  /** How to refresh the file. */
  recordWith: string;
  examples: Transcript[];
}

/** The command that re-records every transcript. */
export const RECORD_COMMAND = "deno task record:examples";

/** Folder of the shipped transcripts. */
export const EXAMPLES_DIR = new URL("../../content/examples/", import.meta.url);

/** The file holding `agentId`'s transcripts. */
export function examplesFile(agentId: string): URL {
  return new URL(`${agentId}.json`, EXAMPLES_DIR);
}

/** Ids and timestamps vary between runs; everything else must match. */
export function normalizeEvents(events: TranscriptEvent[]): TranscriptEvent[] {
  const ids = new Map<string, string>();
  const idOf = (id: unknown) => {
    const key = String(id);
    if (!ids.has(key)) ids.set(key, `call_${ids.size + 1}`);
    return ids.get(key)!;
  };
  return events.map(({ type, data }) => {
    const { at: _at, ts: _ts, ...rest } = data;
    return { type, data: "id" in rest ? { ...rest, id: idOf(rest.id) } : rest };
  });
}

/** Runs one sample of `agent` offline and records what it emits. */
export async function recordSample(
  agent: AgentDefinition,
  sample: { label: string; input: Record<string, unknown> },
  settings: Settings,
): Promise<Transcript> {
  const parsed = agent.input.parse(sample.input) as Record<string, unknown>;
  const ready = agent.prepare ? await agent.prepare(parsed, settings) : parsed;
  const events: TranscriptEvent[] = [];
  const push = (type: TranscriptEvent["type"], data: object) => {
    events.push({ type, data: { ...data } as Record<string, unknown> });
    return Promise.resolve();
  };
  const sink: ProviderSink = {
    token: (text) => push("token", { text }),
    toolCall: (call) => push("tool_call", call),
    toolResult: (result) => push("tool_result", result),
    usage: (usage) => push("usage", { ...usage, costUsd: costOf(OFFLINE_MODEL, usage) }),
  };
  const result = await runOffline(
    agent,
    ready as Record<string, unknown>,
    { settings, searchDocs, signal: new AbortController().signal },
    sink,
    { chunkDelayMs: 0 },
  );
  const normalized = JSON.parse(JSON.stringify(normalizeEvents(events))) as TranscriptEvent[];
  return {
    label: sample.label,
    input: sample.input,
    events: normalized,
    output: result.output,
    usage: { ...result.usage, costUsd: costOf(result.model, result.usage) },
  };
}

/** Records every sample of `agent`. */
export async function recordAgent(
  agent: AgentDefinition,
  settings: Settings,
): Promise<AgentTranscripts> {
  const examples: Transcript[] = [];
  for (const sample of agent.samples) {
    examples.push(await recordSample(agent, sample as Transcript, settings));
  }
  return {
    agent: agent.id,
    engine: "offline",
    model: OFFLINE_MODEL,
    recordWith: RECORD_COMMAND,
    examples,
  };
}

/** The settings transcripts are recorded with: the defaults, with no provider key. */
export function recordingSettings(): Promise<Settings> {
  return loadSettings({ DENO_ENV: "test", KV_PATH: ":memory:", LOG_LEVEL: "error" });
}
