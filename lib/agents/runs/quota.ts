/**
 * Runs against the quotas of issue 8 (lib/security/quotas.ts, limits from lib/plans.ts):
 * before a run is stored its estimated tokens and cost are reserved against the workspace's
 * plan, or for anonymous visitors against the small demo quota counted per visitor cookie and
 * per client IP (clearing cookies does not reset it); when it ends the reservation is settled
 * with the real usage. Anonymous inputs are also capped in length.
 */
import { HttpError } from "../../framework/mod.ts";
import { anonymousDemoQuota } from "../../plans.ts";
import { type Reservation, reserve, settle } from "../../security/quotas.ts";
import type { Services } from "../../services.ts";
import { costOf } from "../pricing.ts";
import { providerOf } from "../providers/select.ts";
import { estimateTokens } from "../tokens.ts";
import type { AgentDefinition } from "../types.ts";
import type { RunOwner, RunRecord } from "./record.ts";

/** Output tokens assumed for a run before it happens. */
export const ESTIMATED_OUTPUT_TOKENS = 800;

/**
 * Reserves a run's estimated spend (throws the 429 `quota_exceeded` of the quotas module when a
 * limit would be passed, or a 400 `input_too_long` for a long anonymous input).
 */
export async function reserveRunQuota(
  services: Pick<Services, "kv" | "db" | "settings" | "jobs">,
  owner: RunOwner & { ipSubject: string },
  agent: AgentDefinition,
  input: Record<string, unknown>,
  requestId: string,
): Promise<Reservation> {
  if (!owner.tenantId && JSON.stringify(input).length > anonymousDemoQuota.maxInputChars) {
    throw new HttpError(
      400,
      "input_too_long",
      `Demo inputs are limited to ${anonymousDemoQuota.maxInputChars} characters. Sign in to run longer inputs.`,
    );
  }
  const tokensIn = estimateTokens(agent.systemPrompt + agent.userMessage(input));
  const estimate = { tokensIn, tokensOut: ESTIMATED_OUTPUT_TOKENS };
  const { model } = providerOf(services.settings);
  return await reserve(
    services,
    owner.tenantId ? { tenantId: owner.tenantId } : {
      anonymous: [`visitor:${owner.visitorHash}`, owner.ipSubject],
    },
    { tokens: tokensIn + ESTIMATED_OUTPUT_TOKENS, costUsd: costOf(model, estimate) },
    { actorId: owner.userId, requestId },
  );
}

/** Settles a finished run's reservation with its real tokens and cost. */
export async function settleRunQuota(services: Pick<Services, "kv">, run: RunRecord) {
  if (!run.reservation) return;
  await settle(services, run.reservation, {
    tokens: run.usage.tokensIn + run.usage.tokensOut,
    costUsd: run.costUsd,
  });
}
