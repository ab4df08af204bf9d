/** Picks the engine from settings: the OpenAI-compatible provider with a key, else offline. */
import type { Settings } from "../../config.ts";
import type { ProviderName } from "../types.ts";
import { OFFLINE_MODEL } from "./offline.ts";

/** The provider and model new runs use. */
export function providerOf(settings: Settings): { provider: ProviderName; model: string } {
  return settings.openaiApiKey
    ? { provider: "openai", model: settings.openaiModel }
    : { provider: "offline", model: OFFLINE_MODEL };
}

/** How the UI and the run record name a provider. */
export function providerLabel(provider: ProviderName): string {
  return provider === "offline" ? "offline engine" : "OpenAI-compatible";
}
