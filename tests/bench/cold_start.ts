/** Cold start: from spawning `main.ts` to the first 200 of the home page, polled every 5 ms. */
import { freePort } from "../support/app_fixture.ts";

/** Spawns the server with `env`, times process start to the first `200` on `path`, stops it. */
export async function coldStartMs(
  env: Record<string, string>,
  path = "/",
  timeoutMs = 60_000,
): Promise<number> {
  const port = freePort();
  const started = performance.now();
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", new URL("../../main.ts", import.meta.url).pathname],
    env: { HOSTNAME: "127.0.0.1", ...env, PORT: String(port) },
    stdout: "null",
    stderr: "piped",
  }).spawn();
  const stderr = new Response(child.stderr).text();
  let exited = false;
  child.status.then(() => (exited = true));
  try {
    while (performance.now() - started < timeoutMs) {
      if (exited) throw new Error(`server exited during start:\n${await stderr}`);
      try {
        const res = await fetch(`http://127.0.0.1:${port}${path}`);
        await res.body?.cancel();
        if (res.status === 200) return Math.round(performance.now() - started);
      } catch { /* not listening yet */ }
      await new Promise((r) => setTimeout(r, 5));
    }
    throw new Error(`no 200 on ${path} within ${timeoutMs} ms`);
  } finally {
    if (!exited) child.kill("SIGTERM");
    await child.status;
    await stderr;
  }
}
