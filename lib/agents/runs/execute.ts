/** Executes one attempt of a run with its provider, turning what happens into run events. */
import type { Services } from "../../services.ts";
import { searchDocs } from "../../docs/search.ts";
import { costOf } from "../pricing.ts";
import { estimateTokens } from "../tokens.ts";
import { providerLabel } from "../providers/select.ts";
import { agentById } from "../registry.ts";
import type { ProviderResult, ProviderSink, ToolEnv } from "../types.ts";
import { RunBudget } from "./budget.ts";
import { emitRunEvent } from "./events.ts";
import { RunEventWriter } from "./event_writer.ts";
import { metrics } from "../../telemetry/metrics.ts";
import { traceLlmCall } from "../../telemetry/tracing.ts";
import { type RunRecord, updateRun } from "./record.ts";
import { runWithProvider } from "./engine.ts";

/**
 * Runs `run` (already claimed by this worker) until it answers, fails or `signal` aborts;
 * `progress.text` holds what was streamed so far (for cancelled runs). Model calls spend from
 * the run's quota reservation ({@link RunBudget}); the result's `stop` says when it ran out.
 */
export async function executeAttempt(
  services: Services,
  run: RunRecord,
  signal: AbortSignal,
  progress: { text: string } = { text: "" },
): Promise<ProviderResult> {
  const agent = agentById(run.agent);
  if (!agent) throw new Error(`unknown agent ${run.agent}`);
  await emitRunEvent(services, run.id, "started", {
    attempt: run.attempt,
    provider: run.provider,
    providerLabel: providerLabel(run.provider),
    model: run.model,
    promptTokens: estimateTokens(agent.systemPrompt) + estimateTokens(agent.userMessage(run.input)),
  });
  const writer = new RunEventWriter((type, data) => emitRunEvent(services, run.id, type, data));
  return await traceLlmCall({ provider: run.provider, model: run.model }, async (llm) => {
    let first = true;
    const sink: ProviderSink = {
      token: async (text) => {
        progress.text += text;
        await writer.token(text);
        if (first) {
          first = false;
          const at = Date.now();
          llm.firstToken();
          metrics.runFirstToken({
            agent: run.agent,
            provider: run.provider,
            seconds: (at - run.createdAt) / 1000,
          });
          await updateRun(
            services.kv,
            run.id,
            (r) => r.firstTokenAt ? null : { ...r, firstTokenAt: at },
          );
        }
      },
      toolCall: async (call) => void await writer.event("tool_call", call),
      toolResult: async (result) => void await writer.event("tool_result", result),
      usage: async (usage) => {
        const costUsd = costOf(run.model, usage);
        llm.usage({ inputTokens: usage.tokensIn, outputTokens: usage.tokensOut, costUsd });
        await writer.event("usage", { ...usage, costUsd });
      },
    };
    const env: ToolEnv = { settings: services.settings, searchDocs, signal };
    try {
      return await runWithProvider(services, run.provider, agent, run.input, env, sink, {
        budget: run.reservation
          ? new RunBudget(services, run.id, run.reservation, run.model)
          : undefined,
        chunkDelayMs: services.settings.offlineChunkDelayMs,
      });
    } finally {
      await writer.close();
    }
  });
}
