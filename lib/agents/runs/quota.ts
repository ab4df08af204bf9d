/**
 * Runs against the quotas of issue 8 (lib/security/quotas.ts, limits from lib/plans.ts):
 * before a run is stored its estimated tokens and cost are reserved against the workspace's
 * plan, or for anonymous visitors against the small demo quota counted per visitor cookie and
 * per client IP (clearing cookies does not reset it); when it ends the reservation is settled
 * with the real usage. Anonymous inputs are also capped in length. An input with an upload is
 * reserved in two steps, so no document is read for a caller already over a limit: first what
 * is known before reading (the input without its uploads), then the document's share.
 */
import { HttpError } from "../../framework/mod.ts";
import { anonymousDemoQuota } from "../../plans.ts";
import { type QuotaOwner, type Reservation, reserve, settle } from "../../security/quotas.ts";
import type { Services } from "../../services.ts";
import { costOf } from "../pricing.ts";
import { providerOf } from "../providers/select.ts";
import { estimateTokens, MAX_OUTPUT_TOKENS_PER_CALL } from "../tokens.ts";
import type { AgentDefinition } from "../types.ts";
import type { RunOwner, RunRecord } from "./record.ts";

/** Output tokens assumed for a run before it happens: one model call's cap. */
export const ESTIMATED_OUTPUT_TOKENS = MAX_OUTPUT_TOKENS_PER_CALL;

function checkInputLength(owner: RunOwner, input: Record<string, unknown>) {
  if (!owner.tenantId && JSON.stringify(input).length > anonymousDemoQuota.maxInputChars) {
    throw new HttpError(
      400,
      "input_too_long",
      `Demo inputs are limited to ${anonymousDemoQuota.maxInputChars} characters. Sign in to run longer inputs.`,
    );
  }
}

function quotaOwnerOf(owner: RunOwner & { ipSubject: string }): QuotaOwner {
  return owner.tenantId
    ? { tenantId: owner.tenantId }
    : { anonymous: [`visitor:${owner.visitorHash}`, owner.ipSubject] };
}

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
  checkInputLength(owner, input);
  const tokensIn = estimateTokens(agent.systemPrompt + agent.userMessage(input));
  const estimate = { tokensIn, tokensOut: ESTIMATED_OUTPUT_TOKENS };
  const { model } = providerOf(services.settings);
  return await reserve(
    services,
    quotaOwnerOf(owner),
    { tokens: tokensIn + ESTIMATED_OUTPUT_TOKENS, costUsd: costOf(model, estimate) },
    { actorId: owner.userId, requestId },
  );
}

/** The input without its uploads (`{ contentBase64 }` values): what is known before reading. */
export function withoutUploads(input: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(input).filter(([, v]) =>
      !(v && typeof v === "object" && "contentBase64" in (v as Record<string, unknown>))
    ),
  );
}

/**
 * Adds the prepared input's share (a document's text) to a reservation made before reading it,
 * with the same limits and the same 400 for a long anonymous input; the request is not counted
 * twice. Returns the whole reservation.
 */
export async function topUpRunQuota(
  services: Pick<Services, "kv" | "db" | "settings" | "jobs">,
  held: Reservation,
  owner: RunOwner & { ipSubject: string },
  agent: AgentDefinition,
  ready: Record<string, unknown>,
  requestId: string,
): Promise<Reservation> {
  checkInputLength(owner, ready);
  const tokensIn = estimateTokens(agent.systemPrompt + agent.userMessage(ready));
  const { model } = providerOf(services.settings);
  const cost = costOf(model, { tokensIn, tokensOut: ESTIMATED_OUTPUT_TOKENS });
  const extraTokens = tokensIn + ESTIMATED_OUTPUT_TOKENS - held.tokens;
  if (extraTokens <= 0) return held;
  const extra = await reserve(
    services,
    quotaOwnerOf(owner),
    { tokens: extraTokens, costUsd: Math.max(0, cost - held.costMicros / 1e6), requests: 0 },
    { actorId: owner.userId, requestId },
  );
  return {
    ...held,
    tokens: held.tokens + extra.tokens,
    costMicros: held.costMicros + extra.costMicros,
  };
}

/** Gives back a reservation's tokens and cost when the run is refused after it (still counted). */
export async function releaseRunQuota(services: Pick<Services, "kv">, held: Reservation) {
  await settle(services, held, { tokens: 0, costUsd: 0 });
}

/** Settles a finished run's reservation with its real tokens and cost. */
export async function settleRunQuota(services: Pick<Services, "kv">, run: RunRecord) {
  if (!run.reservation) return;
  await settle(services, run.reservation, {
    tokens: run.usage.tokensIn + run.usage.tokensOut,
    costUsd: run.costUsd,
  });
}
