/**
 * Side-by-side throughput, the method: the server under test and its reference each
 * pinned to CPU 0 (`taskset`, when there are two CPUs or more), the load generator on CPU 1,
 * measured in alternating rounds; the median of the rounds is reported with their ratio.
 */
import { freePort, rssMiB } from "../support/app_fixture.ts";
import { type HttpLoadResult, measure } from "./http_load.ts";

/** A server started for a comparison. */
export interface BenchServer {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** The app's CPU and the load generator's, or null when the processes are not pinned. */
export function pinning(): { server: number; load: number } | null {
  if (Deno.env.get("BENCH_PIN") === "0" || navigator.hardwareConcurrency < 2) return null;
  return { server: 0, load: 1 };
}

/** Pins every thread of `pid` to `cpu` (no-op without `taskset`); true when pinned. */
export async function pinProcess(pid: number, cpu: number): Promise<boolean> {
  try {
    const out = await new Deno.Command("taskset", {
      args: ["-a", "-cp", String(cpu), String(pid)],
      stdout: "null",
      stderr: "null",
    }).output();
    return out.success;
  } catch {
    return false;
  }
}

async function waitUp(url: string) {
  for (let i = 0; i < 400; i++) {
    try {
      await (await fetch(url)).arrayBuffer();
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 25));
    }
  }
  throw new Error(`server did not start at ${url}`);
}

async function spawn(script: string, args: string[], env: Record<string, string>, path: string) {
  const port = freePort();
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", new URL(script, import.meta.url).pathname, String(port), ...args],
    env,
    stdout: "null",
    stderr: "inherit",
  }).spawn();
  const url = `http://127.0.0.1:${port}`;
  await waitUp(url + path);
  const pin = pinning();
  if (pin) await pinProcess(child.pid, pin.server);
  return {
    url,
    pid: child.pid,
    async stop() {
      child.kill();
      await child.status;
    },
  };
}

/** The ceiling: a plain `Deno.serve` answering every request with `body` (ceiling_server.ts). */
export async function startCeiling(body: Uint8Array, encoding?: string): Promise<BenchServer> {
  const file = await Deno.makeTempFile();
  await Deno.writeFile(file, body);
  const server = await spawn("./ceiling_server.ts", [file, encoding ?? ""], {}, "/");
  return {
    ...server,
    async stop() {
      await server.stop();
      await Deno.remove(file);
    },
  };
}

/** The per-request reference: Hono + preact-render-to-string (reference_server.tsx). */
export function startReference(env: Record<string, string>): Promise<BenchServer> {
  return spawn("./reference_server.tsx", [], env, "/contact");
}

/** Medians of the rounds for the app and its reference, and their ratio. */
export interface SideBySide {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  referenceRps: number;
  referenceP50Ms: number;
  referenceP99Ms: number;
  ratio: number;
  rounds: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

/** Measures `app` and `reference` in `rounds` alternating rounds of `seconds` each. */
export async function sideBySide(
  app: { url: string; headers?: Record<string, string> },
  reference: { url: string; headers?: Record<string, string> },
  { rounds, seconds }: { rounds: number; seconds: number },
): Promise<SideBySide> {
  const a: HttpLoadResult[] = [];
  const r: HttpLoadResult[] = [];
  for (let i = 0; i < rounds; i++) {
    a.push(await measure(app.url, { seconds, headers: app.headers }));
    r.push(await measure(reference.url, { seconds, headers: reference.headers }));
  }
  const rps = median(a.map((x) => x.rps));
  const referenceRps = median(r.map((x) => x.rps));
  return {
    rps,
    p50Ms: median(a.map((x) => x.p50Ms)),
    p99Ms: median(a.map((x) => x.p99Ms)),
    errors: a.reduce((n, x) => n + x.errors, 0),
    referenceRps,
    referenceP50Ms: median(r.map((x) => x.p50Ms)),
    referenceP99Ms: median(r.map((x) => x.p99Ms)),
    ratio: Math.round((rps / referenceRps) * 100) / 100,
    rounds,
  };
}

/**
 * The reference's start-up and memory: from spawning reference_server.tsx to its first 200
 * (polled every 5 ms), and its resident memory after that first response.
 */
export async function referenceColdStart(
  env: Record<string, string>,
): Promise<{ ms: number; rssMiB: number }> {
  const port = freePort();
  const started = performance.now();
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", new URL("./reference_server.tsx", import.meta.url).pathname, String(port)],
    env,
    stdout: "null",
    stderr: "inherit",
  }).spawn();
  try {
    while (performance.now() - started < 60_000) {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/contact`);
        await res.arrayBuffer();
        if (res.status === 200) {
          const ms = Math.round(performance.now() - started);
          return { ms, rssMiB: await rssMiB(child.pid) };
        }
      } catch { /* not listening yet */ }
      await new Promise((r) => setTimeout(r, 5));
    }
    throw new Error("the reference server did not start");
  } finally {
    child.kill();
    await child.status;
  }
}
