/** An exclusive, crash-safe (flock) lock file guarding a single-process data folder. */

/** A held lock; `release` lets another process take it. */
export interface DirLock {
  /** The lock file. */
  readonly path: string;
  /** Releases the lock (idempotent). */
  release(): Promise<void>;
}

const RETRY_MS = 25;

/**
 * Takes the exclusive lock on `path`, trying without blocking until `timeoutMs` has passed (no
 * thread waits on a held lock, so a refused attempt leaves nothing behind). If another process
 * holds it that long, throws an error whose message `busyMessage` builds from that process's pid.
 */
export async function acquireLock(
  path: string,
  busyMessage: (pid: string) => string,
  timeoutMs = 250,
): Promise<DirLock> {
  const file = await Deno.open(path, { read: true, write: true, create: true });
  try {
    const deadline = Date.now() + timeoutMs;
    while (!await file.tryLock(true)) {
      if (Date.now() >= deadline) {
        const pid = (await Deno.readTextFile(path).catch(() => "")).trim() || "unknown";
        throw new Error(busyMessage(pid));
      }
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
    await file.truncate(0);
    await file.write(new TextEncoder().encode(`${Deno.pid}\n`));
  } catch (error) {
    file.close();
    throw error;
  }
  let released = false;
  return {
    path,
    release() {
      if (!released) {
        released = true;
        file.close();
      }
      return Promise.resolve();
    },
  };
}
