/**
 * The engine a run uses: the instance's OpenAI-compatible provider (one client and circuit
 * breaker per instance, the `openai` package loaded with the first run that needs it) or the
 * offline engine.
 */
import type { Services } from "../../services.ts";
import { CircuitBreaker } from "../providers/breaker.ts";
import { runOffline } from "../providers/offline.ts";
import type { OpenAiProvider } from "../providers/openai.ts";
import type {
  AgentDefinition,
  CallBudget,
  ProviderName,
  ProviderResult,
  ProviderSink,
  ToolEnv,
} from "../types.ts";

const providers = new WeakMap<Services, OpenAiProvider>();

/** The OpenAI-compatible provider of an instance, created on first use. */
export async function openAiProviderFor(services: Services): Promise<OpenAiProvider> {
  let provider = providers.get(services);
  if (!provider) {
    const { OpenAiProvider } = await import("../providers/openai.ts");
    provider = providers.get(services);
    if (provider) return provider;
    const s = services.settings;
    provider = new OpenAiProvider({
      apiKey: s.openaiApiKey!,
      baseURL: s.openaiBaseUrl,
      model: s.openaiModel,
      timeoutMs: s.openaiTimeoutMs,
      maxRetries: s.openaiMaxRetries,
      breaker: new CircuitBreaker(services.kv, `openai:${s.openaiBaseUrl ?? "api.openai.com"}`),
    });
    providers.set(services, provider);
  }
  return provider;
}

/** How a run is driven: the model spends from `budget`; the offline engine waits `chunkDelayMs` between chunks. */
export interface EngineOptions {
  budget?: CallBudget;
  chunkDelayMs?: number;
}

/** Runs `agent` on `input` with `provider`, reporting to `sink`. */
export async function runWithProvider(
  services: Services,
  provider: ProviderName,
  agent: AgentDefinition,
  input: Record<string, unknown>,
  env: ToolEnv,
  sink: ProviderSink,
  options: EngineOptions = {},
): Promise<ProviderResult> {
  if (provider === "openai") {
    return await (await openAiProviderFor(services)).run(agent, input, env, sink, options.budget);
  }
  return await runOffline(agent, input, env, sink, { chunkDelayMs: options.chunkDelayMs ?? 0 });
}
