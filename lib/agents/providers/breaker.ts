/**
 * A circuit breaker whose state lives in Deno KV (`["circuit_breakers", name]`), so every
 * instance sharing the KV store (Deno Deploy, a KV Connect server) fails fast together once
 * the provider is failing; with a local KV file it is shared by the processes on that host.
 *
 * Closed: calls go through and failures are counted in a sliding window. `threshold` failures
 * within `windowMs` open it: calls fail at once with `circuit_open` for `cooldownMs`. After
 * that it is half-open: calls go through again; a success closes it, a failure reopens it.
 */
import { circuitBreakerKey } from "../../../kv/keys.ts";
import { ProviderError } from "./errors.ts";

/** Breaker tuning. */
export interface BreakerOptions {
  threshold: number;
  windowMs: number;
  cooldownMs: number;
}

/** Defaults: 5 failures within 30 s open the breaker for 30 s. */
export const DEFAULT_BREAKER: BreakerOptions = {
  threshold: 5,
  windowMs: 30_000,
  cooldownMs: 30_000,
};

interface BreakerState {
  failures: number;
  windowStart: number;
  openUntil: number;
}

/** What `state()` reports, for tests and the operator docs. */
export type BreakerStatus = "closed" | "open" | "half-open";

const ATTEMPTS = 20;

/** A named breaker over KV. */
export class CircuitBreaker {
  readonly #key: Deno.KvKey;

  constructor(
    private readonly kv: Deno.Kv,
    name: string,
    private readonly options: BreakerOptions = DEFAULT_BREAKER,
  ) {
    this.#key = circuitBreakerKey(name);
  }

  /** The current status. */
  async status(now = Date.now()): Promise<BreakerStatus> {
    const s = (await this.kv.get<BreakerState>(this.#key)).value;
    if (!s || s.failures < this.options.threshold) return "closed";
    return s.openUntil > now ? "open" : "half-open";
  }

  /** Throws `circuit_open` while the breaker is open. */
  async check(now = Date.now()): Promise<void> {
    const s = (await this.kv.get<BreakerState>(this.#key)).value;
    if (s && s.openUntil > now) {
      const wait = s.openUntil - now;
      throw new ProviderError(
        "circuit_open",
        `The AI provider is failing, so requests are paused for ${
          Math.ceil(wait / 1000)
        } s to let it recover.`,
        true,
        wait,
      );
    }
  }

  /** Records a failure; opens (or reopens) the breaker at the threshold. */
  async failure(now = Date.now()): Promise<void> {
    await this.#update((s) => {
      const fresh = !s || now - s.windowStart > this.options.windowMs && s.openUntil <= now &&
          s.failures < this.options.threshold;
      const failures = fresh ? 1 : s!.failures + 1;
      const windowStart = fresh ? now : s!.windowStart;
      const open = failures >= this.options.threshold;
      return { failures, windowStart, openUntil: open ? now + this.options.cooldownMs : 0 };
    });
  }

  /** Records a success: closes the breaker (a no-op write is skipped when already clean). */
  async success(): Promise<void> {
    const entry = await this.kv.get<BreakerState>(this.#key);
    if (entry.value) await this.kv.atomic().check(entry).delete(this.#key).commit();
  }

  async #update(next: (s: BreakerState | null) => BreakerState) {
    for (let i = 0; i < ATTEMPTS; i++) {
      const entry = await this.kv.get<BreakerState>(this.#key);
      const ok = await this.kv.atomic().check(entry)
        .set(this.#key, next(entry.value), {
          expireIn: this.options.windowMs + this.options.cooldownMs * 4,
        })
        .commit();
      if (ok.ok) return;
    }
  }
}
