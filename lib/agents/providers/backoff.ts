/** Jittered exponential backoff and an abortable sleep. */

/**
 * Delay before retry number `attempt` (1-based): `baseMs * 2^(attempt-1)`, capped at `maxMs`,
 * then "full jitter" between half and all of it, so many clients retrying at once spread out.
 */
export function backoffDelay(attempt: number, baseMs: number, maxMs = 30_000): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + Math.random() * ceiling / 2);
}

/** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
