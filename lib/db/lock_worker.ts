/// <reference lib="deno.worker" />
/**
 * Holds an exclusive flock on a file for {@link ./lock.ts}. It runs in a worker so that a
 * lock attempt that times out can be abandoned (by terminating the worker) without keeping
 * the process alive until the other holder lets go.
 */
let file: Deno.FsFile | undefined;

self.onmessage = async (e: MessageEvent<{ lock: string } | "release">) => {
  if (e.data === "release") {
    file?.close();
    file = undefined;
    self.postMessage("released");
    return;
  }
  try {
    file = await Deno.open(e.data.lock, { read: true, write: true, create: true });
    self.postMessage("waiting");
    await file.lock(true);
    await file.truncate(0);
    await file.write(new TextEncoder().encode(`${Deno.pid}\n`));
    self.postMessage("locked");
  } catch (err) {
    self.postMessage({ error: String(err) });
  }
};
