/**
 * Runs one agent on one input for the evaluation, on the offline engine or on the configured
 * OpenAI-compatible provider, and keeps what a grader reads: every tool call with its result,
 * and the answer text.
 */
import type { Settings } from "../../lib/config.ts";
import { searchDocs } from "../../lib/docs/search.ts";
import { agentById } from "../../lib/agents/registry.ts";
import { runOffline } from "../../lib/agents/providers/offline.ts";
import { OpenAiProvider } from "../../lib/agents/providers/openai.ts";
import { CircuitBreaker } from "../../lib/agents/providers/breaker.ts";
import type { ProviderSink } from "../../lib/agents/types.ts";

/** One tool call as the grader sees it. */
export interface TracedCall {
  name: string;
  arguments: Record<string, unknown>;
  result: unknown;
}

/** What one run did. */
export interface Trace {
  output: string;
  calls: TracedCall[];
}

/** Runs an agent for the evaluation. */
export type Engine = (agentId: string, input: Record<string, unknown>) => Promise<Trace>;

function tracingSink(calls: TracedCall[]): ProviderSink {
  const byId = new Map<string, TracedCall>();
  return {
    token: () => Promise.resolve(),
    toolCall: (c) => {
      const call = { name: c.name, arguments: c.arguments, result: undefined };
      byId.set(c.id, call);
      calls.push(call);
      return Promise.resolve();
    },
    toolResult: (r) => {
      const call = byId.get(r.id);
      if (call) call.result = r.error ? { error: r.error } : r.result;
      return Promise.resolve();
    },
    usage: () => Promise.resolve(),
  };
}

async function prepared(agentId: string, raw: Record<string, unknown>, settings: Settings) {
  const agent = agentById(agentId);
  if (!agent) throw new Error(`unknown agent ${agentId}`);
  const parsed = agent.input.parse(raw) as Record<string, unknown>;
  return { agent, input: agent.prepare ? await agent.prepare(parsed, settings) : parsed };
}

/** The offline engine, with no delay between chunks. */
export function offlineEngine(settings: Settings): Engine {
  return async (agentId, raw) => {
    const { agent, input } = await prepared(agentId, raw, settings);
    const calls: TracedCall[] = [];
    const env = { settings, searchDocs, signal: AbortSignal.timeout(30_000) };
    const r = await runOffline(agent, input, env, tracingSink(calls), { chunkDelayMs: 0 });
    return { output: r.output, calls };
  };
}

/** The OpenAI-compatible provider from `settings` (OPENAI_API_KEY, OPENAI_BASE_URL, ...). */
export function providerEngine(settings: Settings, kv: Deno.Kv): Engine {
  if (!settings.openaiApiKey) throw new Error("OPENAI_API_KEY is not set");
  const provider = new OpenAiProvider({
    apiKey: settings.openaiApiKey,
    baseURL: settings.openaiBaseUrl,
    model: settings.openaiModel,
    timeoutMs: settings.openaiTimeoutMs,
    maxRetries: settings.openaiMaxRetries,
    breaker: new CircuitBreaker(kv, "eval"),
  });
  return async (agentId, raw) => {
    const { agent, input } = await prepared(agentId, raw, settings);
    const calls: TracedCall[] = [];
    const env = { settings, searchDocs, signal: AbortSignal.timeout(120_000) };
    const r = await provider.run(agent, input, env, tracingSink(calls));
    return { output: r.output, calls };
  };
}
