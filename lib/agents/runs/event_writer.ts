/**
 * Writes a run's events in order, coalescing tokens: the first token goes out at once (time to
 * first token), later ones are gathered for up to `windowMs` and appended as one `token` event.
 * A fast provider then costs one KV append per window instead of one per token, which is what
 * lets one instance stream many runs at once. Any other event flushes the gathered text first.
 */
import type { RunEventMap, RunEventType } from "./events.ts";

type Emit = <T extends RunEventType>(type: T, data: RunEventMap[T]) => Promise<unknown>;

/** Default coalescing window for tokens. */
export const TOKEN_WINDOW_MS = 40;

/** An ordered, token-coalescing writer of one run's events. */
export class RunEventWriter {
  #chain: Promise<void> = Promise.resolve();
  #failure: { error: unknown } | undefined;
  #buffer = "";
  #timer: ReturnType<typeof setTimeout> | undefined;
  #sentFirst = false;

  constructor(private readonly emit: Emit, private readonly windowMs = TOKEN_WINDOW_MS) {}

  /** Adds streamed text; resolves once it is queued (the first token: once it is written). */
  token(text: string): Promise<unknown> {
    if (!this.#sentFirst) {
      this.#sentFirst = true;
      this.#enqueue("token", { text });
      return this.#settled();
    }
    this.#buffer += text;
    this.#timer ??= setTimeout(() => this.#flush(), this.windowMs);
    return Promise.resolve();
  }

  /** Writes any other event, after the text gathered so far; resolves once it is written. */
  event<T extends RunEventType>(type: T, data: RunEventMap[T]): Promise<unknown> {
    this.#flush();
    this.#enqueue(type, data);
    return this.#settled();
  }

  /** Writes what is left; rejects if any write failed. */
  close(): Promise<unknown> {
    this.#flush();
    return this.#settled();
  }

  #flush() {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (!this.#buffer) return;
    const text = this.#buffer;
    this.#buffer = "";
    this.#enqueue("token", { text });
  }

  /** Chains a write; the chain itself never rejects, so a timer's flush cannot go unhandled. */
  #enqueue<T extends RunEventType>(type: T, data: RunEventMap[T]): void {
    this.#chain = this.#chain.then(async () => {
      if (this.#failure) return;
      try {
        await this.emit(type, data);
      } catch (error) {
        this.#failure = { error };
      }
    });
  }

  /** Resolves when every queued write is done; rejects with the first failed write. */
  async #settled(): Promise<void> {
    await this.#chain;
    if (this.#failure) throw this.#failure.error;
  }
}
