/** Runs the real server (`main.ts`) as a child process on a free loopback port. */

/** A child server process. */
export interface ServerProcess {
  url: string;
  child: Deno.ChildProcess;
  /** Everything the process printed so far (stdout and stderr). */
  output(): string;
  /** Sends a signal and waits for exit; returns the exit code. */
  stop(signal?: Deno.Signal): Promise<number>;
}

function freePort(): number {
  const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = l.addr.port;
  l.close();
  return port;
}

/**
 * Starts `main.ts` with `env` and waits until /healthz answers and no longer reports the
 * database warming up (at most `timeoutMs`; with `untilWarm` false, only until it answers). A
 * free port is picked unless `env.PORT` fixes one (to restart a server where its clients
 * expect it).
 */
export async function startServerProcess(
  env: Record<string, string>,
  timeoutMs = 30_000,
  { untilWarm = true } = {},
): Promise<ServerProcess> {
  const port = env.PORT ? Number(env.PORT) : freePort();
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", new URL("../../main.ts", import.meta.url).pathname],
    env: { DENO_ENV: "test", HOSTNAME: "127.0.0.1", LOG_LEVEL: "info", ...env, PORT: String(port) },
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  let text = "";
  const decoder = new TextDecoder();
  const pump = (stream: ReadableStream<Uint8Array>) =>
    stream.pipeTo(new WritableStream({ write: (c) => void (text += decoder.decode(c)) }));
  const pumps = Promise.all([pump(child.stdout), pump(child.stderr)]);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  child.status.then(() => (exited = true));
  while (true) {
    if (exited) throw new Error(`server exited during start:\n${text}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (!res.ok) await res.body?.cancel();
      else if (!untilWarm || !(await res.json()).warming) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      await child.status;
      throw new Error(`server did not start in ${timeoutMs} ms:\n${text}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    child,
    output: () => text,
    async stop(signal: Deno.Signal = "SIGTERM") {
      if (!exited) child.kill(signal);
      const killer = setTimeout(() => child.kill("SIGKILL"), 60_000);
      const status = await child.status.finally(() => clearTimeout(killer));
      await pumps;
      return status.code;
    },
  };
}

/**
 * Asserts that the process still runs and `/healthz` answers 200; the error carries the
 * process output (a panic's message) when it does not.
 */
export async function assertHealthy(server: ServerProcess, context = ""): Promise<void> {
  let status: number | string;
  try {
    const res = await fetch(`${server.url}/healthz`, { signal: AbortSignal.timeout(10_000) });
    await res.body?.cancel();
    status = res.status;
  } catch (error) {
    status = String(error);
  }
  if (status !== 200) {
    throw new Error(`/healthz -> ${status} after ${context}\n${server.output().slice(-4000)}`);
  }
}
