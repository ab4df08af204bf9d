/**
 * The offline engine: the default when no API key is set. It runs the agent's own offline
 * behaviour, which does the real work with the same tools a model would call (retrieval,
 * extraction, scoring, templated drafting) and says what it found between the calls, streamed
 * in word-sized chunks as it goes, and reports token counts estimated the same way for every
 * run, so the result is deterministic.
 */
import { estimateTokens } from "../tokens.ts";
import { runToolCall } from "../tool_calls.ts";
import type { AgentDefinition, ProviderResult, ProviderSink, ToolEnv } from "../types.ts";
import { sleep } from "./backoff.ts";

/** The model name the offline engine records (priced at zero). */
export const OFFLINE_MODEL = "offline";

/** Splits text into chunks of about `words` words, keeping every character (joined = text). */
export function chunkText(text: string, words = 3): string[] {
  const parts = text.match(/\s*\S+/g) ?? [];
  const chunks: string[] = [];
  for (let i = 0; i < parts.length; i += words) chunks.push(parts.slice(i, i + words).join(""));
  const tail = text.slice(chunks.join("").length);
  if (tail) chunks.length ? chunks[chunks.length - 1] += tail : chunks.push(tail);
  return chunks;
}

/**
 * Runs `agent` on `input` offline, streaming into `sink`: tool calls and the text the agent
 * says between them, in the order they happen.
 */
export async function runOffline(
  agent: AgentDefinition,
  input: Record<string, unknown>,
  env: ToolEnv,
  sink: ProviderSink,
  { chunkDelayMs }: { chunkDelayMs: number },
): Promise<ProviderResult> {
  let seen = 0;
  let output = "";
  const readBack: string[] = [];
  const say = async (text: string) => {
    for (const chunk of chunkText(text)) {
      env.signal.throwIfAborted();
      await sink.token(chunk);
      output += chunk;
      if (chunkDelayMs > 0) await sleep(chunkDelayMs, env.signal);
    }
  };
  const rest = await agent.offline(input, {
    settings: env.settings,
    say,
    callTool: async (name, args) => {
      const id = `call_${++seen}`;
      const outcome = await runToolCall(agent, env, sink, { id, name, arguments: args });
      if (outcome.error) throw new Error(`${name}: ${outcome.error}`);
      readBack.push(JSON.stringify(outcome.result));
      return outcome.result;
    },
  });
  await say(rest);
  const usage = {
    tokensIn: estimateTokens(agent.systemPrompt) + estimateTokens(agent.userMessage(input)) +
      readBack.reduce((n, r) => n + estimateTokens(r), 0),
    tokensOut: estimateTokens(output),
  };
  await sink.usage(usage);
  return { output, usage, model: OFFLINE_MODEL };
}
