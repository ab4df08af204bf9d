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
  #chain: Promise<unknown> = Promise.resolve();
  #buffer = "";
  #timer: ReturnType<typeof setTimeout> | undefined;
  #sentFirst = false;

  constructor(private readonly emit: Emit, private readonly windowMs = TOKEN_WINDOW_MS) {}

  /** Adds streamed text; resolves once it is queued (the first token: once it is written). */
  token(text: string): Promise<unknown> {
    if (!this.#sentFirst) {
      this.#sentFirst = true;
      return this.#enqueue("token", { text });
    }
    this.#buffer += text;
    this.#timer ??= setTimeout(() => this.#flush(), this.windowMs);
    return Promise.resolve();
  }

  /** Writes any other event, after the text gathered so far; resolves once it is written. */
  event<T extends RunEventType>(type: T, data: RunEventMap[T]): Promise<unknown> {
    this.#flush();
    return this.#enqueue(type, data);
  }

  /** Writes what is left; rejects if any write failed. */
  close(): Promise<unknown> {
    this.#flush();
    return this.#chain;
  }

  #flush() {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (!this.#buffer) return;
    const text = this.#buffer;
    this.#buffer = "";
    this.#enqueue("token", { text });
  }

  #enqueue<T extends RunEventType>(type: T, data: RunEventMap[T]): Promise<unknown> {
    this.#chain = this.#chain.then(() => this.emit(type, data));
    return this.#chain;
  }
}
