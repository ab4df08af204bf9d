/** The runs this instance is executing: their abort controllers, for cancel and shutdown. */

const running = new Map<string, AbortController>();
const started = new Set<Promise<unknown>>();
const slots = new WeakMap<object, number>();

/**
 * Takes one of `limit` execution slots of the instance `owner` (its services), synchronously,
 * so two messages arriving together cannot both take the last one; false when all are taken.
 */
export function acquireSlot(owner: object, limit: number): boolean {
  const taken = slots.get(owner) ?? 0;
  if (taken >= limit) return false;
  slots.set(owner, taken + 1);
  return true;
}

/** Gives back a slot taken with {@link acquireSlot}. */
export function releaseSlot(owner: object) {
  slots.set(owner, Math.max(0, (slots.get(owner) ?? 1) - 1));
}

/** Registers a run as executing here; returns its controller. */
export function trackLocalRun(runId: string): AbortController {
  const controller = new AbortController();
  running.set(runId, controller);
  return controller;
}

/** Forgets a run when its attempt ends. */
export function untrackLocalRun(runId: string) {
  running.delete(runId);
}

/** Aborts a run executing on this instance (true if it was here). */
export function abortLocalRun(runId: string, reason: unknown): boolean {
  const controller = running.get(runId);
  controller?.abort(reason);
  return controller !== undefined;
}

/** Keeps a run started in-process (not by a job) until it settles, for {@link drainLocalStarts}. */
export function trackLocalStart(done: Promise<unknown>) {
  started.add(done);
  done.finally(() => started.delete(done));
}

/**
 * Waits (at most `timeoutMs`) for the runs started in-process to settle: at shutdown they are
 * aborted and put back in the queue, and that write must land before KV closes.
 */
export async function drainLocalStarts(timeoutMs: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([
    Promise.allSettled([...started]),
    new Promise((r) => timer = setTimeout(r, timeoutMs)),
  ]);
  clearTimeout(timer);
}
