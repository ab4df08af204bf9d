/** An exclusive, crash-safe (flock) lock file guarding a single-process data folder. */

/** A held lock; `release` lets another process take it. */
export interface DirLock {
  /** The lock file. */
  readonly path: string;
  /** Releases the lock (idempotent). */
  release(): Promise<void>;
}

/**
 * Takes the exclusive lock on `path`. If another process holds it for longer than `timeoutMs`,
 * throws an error whose message `busyMessage` builds from that process's pid.
 */
export async function acquireLock(
  path: string,
  busyMessage: (pid: string) => string,
  timeoutMs = 250,
): Promise<DirLock> {
  const worker = new Worker(new URL("./lock_worker.ts", import.meta.url), { type: "module" });
  const messages: unknown[] = [];
  let wake = () => {};
  worker.onmessage = (e) => {
    messages.push(e.data);
    wake();
  };
  const next = () =>
    messages.length > 0
      ? Promise.resolve(messages.shift())
      : new Promise<unknown>((resolve) => wake = () => resolve(messages.shift()));
  worker.postMessage({ lock: path });
  // The worker's start-up time does not count: the timeout runs from the lock attempt.
  let result = await next();
  if (result === "waiting") {
    let timer: ReturnType<typeof setTimeout> | undefined;
    result = await Promise.race([
      next(),
      new Promise<"timeout">((resolve) => timer = setTimeout(() => resolve("timeout"), timeoutMs)),
    ]);
    clearTimeout(timer);
  }
  if (result !== "locked") {
    worker.terminate();
    if (result !== "timeout") {
      throw new Error(`cannot lock ${path}: ${(result as { error: string }).error}`);
    }
    const pid = (await Deno.readTextFile(path).catch(() => "")).trim() || "unknown";
    throw new Error(busyMessage(pid));
  }
  let released = false;
  return {
    path,
    async release() {
      if (released) return;
      released = true;
      worker.postMessage("release");
      await next();
      worker.terminate();
    },
  };
}
