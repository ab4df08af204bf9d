/**
 * Runs an agent with no one watching (lead qualification, ticket triage): the instance's engine,
 * no streamed tokens, and what each tool returned kept by name for the caller to store.
 */
import type { Services } from "../../services.ts";
import { searchDocs } from "../../docs/search.ts";
import { providerOf } from "../providers/select.ts";
import type { AgentDefinition, ProviderName, ProviderResult, ProviderSink } from "../types.ts";
import { runWithProvider } from "./engine.ts";

/** What a headless run produced: the provider's result, the provider, and each tool's last successful result by name. */
export interface HeadlessResult extends ProviderResult {
  provider: ProviderName;
  results: Map<string, unknown>;
}

/** Runs `agent` on `input` until it answers or `signal` aborts. */
export async function runHeadless(
  services: Services,
  agent: AgentDefinition,
  input: Record<string, unknown>,
  signal: AbortSignal,
): Promise<HeadlessResult> {
  const results = new Map<string, unknown>();
  const sink: ProviderSink = {
    token: () => Promise.resolve(),
    toolCall: () => Promise.resolve(),
    toolResult: ({ name, result, error }) => {
      if (!error && result != null) results.set(name, result);
      return Promise.resolve();
    },
    usage: () => Promise.resolve(),
  };
  const { provider } = providerOf(services.settings);
  const env = { settings: services.settings, searchDocs, signal };
  const out = await runWithProvider(services, provider, agent, input, env, sink);
  return { ...out, provider, results };
}
