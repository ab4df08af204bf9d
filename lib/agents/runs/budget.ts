/**
 * A run's spending budget: its quota reservation, grown before each model call as far as the
 * workspace's (or the demo visitor's) limits allow, and never more. Each call's `max_tokens`
 * is what the budget still covers after the call's prompt, so actual spend can pass the
 * reservation only by a provider miscounting one prompt; the run stops when nothing is left.
 */
import { extend, type Reservation } from "../../security/quotas.ts";
import type { Services } from "../../services.ts";
import { priceOf } from "../pricing.ts";
import { MAX_OUTPUT_TOKENS_PER_CALL } from "../tokens.ts";
import type { CallBudget, Usage } from "../types.ts";
import { updateRun } from "./record.ts";

/** Below this many output tokens a call is not worth making: the run stops instead. */
export const MIN_OUTPUT_TOKENS_PER_CALL = 32;

/** The budget of one attempt of a run, backed by its reservation in KV. */
export class RunBudget implements CallBudget {
  #reservation: Reservation;
  #spent = { tokens: 0, costMicros: 0 };
  #exhausted: string | null = null;
  readonly #price: { input: number; output: number };

  constructor(
    private readonly services: Pick<Services, "kv" | "db">,
    private readonly runId: string,
    reservation: Reservation,
    model: string,
  ) {
    this.#reservation = reservation;
    // USD per million tokens = micro-dollars per token.
    this.#price = priceOf(model);
  }

  /** Why the budget ran out (null while it has room). */
  get exhausted(): string | null {
    return this.#exhausted;
  }

  /** The reservation as it stands (grown by every extension). */
  get reservation(): Reservation {
    return this.#reservation;
  }

  /** Output tokens the next call may produce after a prompt of `promptTokens`; 0: stop. */
  async maxTokens(promptTokens: number): Promise<number> {
    const p = this.#price;
    const wantTokens = promptTokens + MAX_OUTPUT_TOKENS_PER_CALL;
    const wantCost = promptTokens * p.input + MAX_OUTPUT_TOKENS_PER_CALL * p.output;
    const short = {
      tokens: wantTokens - this.#left().tokens,
      costMicros: Math.ceil(wantCost - this.#left().costMicros),
    };
    if (short.tokens > 0 || short.costMicros > 0) {
      const grown = await extend(this.services, this.#reservation, {
        tokens: Math.max(0, short.tokens),
        costMicros: Math.max(0, short.costMicros),
      });
      if (grown.tokens > 0 || grown.costMicros > 0) {
        this.#reservation = grown.reservation;
        await updateRun(
          this.services.kv,
          this.runId,
          (r) => ({ ...r, reservation: grown.reservation }),
        );
      }
    }
    const left = this.#left();
    const byTokens = left.tokens - promptTokens;
    const byCost = p.output > 0
      ? Math.floor((left.costMicros - promptTokens * p.input) / p.output)
      : Infinity;
    const cap = Math.min(MAX_OUTPUT_TOKENS_PER_CALL, byTokens, byCost);
    if (cap >= MIN_OUTPUT_TOKENS_PER_CALL) {
      this.#exhausted = null;
      return cap;
    }
    const what = "anonymous" in this.#reservation.owner
      ? "the free demo's daily token allowance"
      : byCost < byTokens
      ? "the workspace's monthly spend ceiling"
      : "the workspace's monthly token quota";
    this.#exhausted =
      `The run stopped: ${what} leaves no room for another model call. The answer so far is kept.`;
    return 0;
  }

  /** Books one call's usage against the budget. */
  spent(usage: Usage): void {
    this.#spent.tokens += usage.tokensIn + usage.tokensOut;
    this.#spent.costMicros += usage.tokensIn * this.#price.input +
      usage.tokensOut * this.#price.output;
  }

  #left() {
    return {
      tokens: this.#reservation.tokens - this.#spent.tokens,
      costMicros: this.#reservation.costMicros - this.#spent.costMicros,
    };
  }
}
