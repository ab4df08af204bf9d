/**
 * Start-up and memory figures of `main.ts` as its own process: time from spawning to the
 * first 200 of Home and to a ready /readyz, the CPU time the process had used by then (less
 * sensitive than wall time to other work on a busy machine), and resident memory once ready
 * and after a short burst of page requests. Run directly for a report:
 * `deno task build && deno run -A tests/bench/startup.ts` (production mode, a fresh data folder).
 */
import { freePort, harnessEnv, rssMiB } from "../support/app_fixture.ts";

/** One start of the server. */
export interface StartupFigures {
  /** Spawn to the first 200 of `/`. */
  firstPageMs: number;
  /** CPU time (user + system) the process had used at its first 200. */
  firstPageCpuMs: number;
  /** Spawn to the first 200 of /readyz (database open and migrated). */
  readyMs: number;
  /** Resident memory when ready. */
  rssReadyMiB: number;
  /** Resident memory after `pages` were each requested `requests` times. */
  rssAfterPagesMiB: number;
}

const TICKS_PER_S = 100;

/** CPU time of `pid` in ms (Linux /proc; NaN elsewhere). */
export async function cpuMs(pid: number): Promise<number> {
  try {
    const stat = await Deno.readTextFile(`/proc/${pid}/stat`);
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * (1000 / TICKS_PER_S);
  } catch {
    return NaN;
  }
}

async function status(url: string): Promise<number> {
  try {
    const res = await fetch(url);
    await res.body?.cancel();
    return res.status;
  } catch {
    return 0;
  }
}

/**
 * Spawns `main.ts` with `env`, polls `/` then `/readyz` every 5 ms, then requests each of
 * `pages` `requests` times (with `headers`), and stops the process.
 */
export async function measureStartup(
  env: Record<string, string>,
  { pages = ["/", "/pricing", "/docs", "/contact"], requests = 20, timeoutMs = 180_000 } = {},
): Promise<StartupFigures> {
  const port = freePort();
  const base = `http://127.0.0.1:${port}`;
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
  const until = async (path: string) => {
    while (performance.now() - started < timeoutMs) {
      if (exited) throw new Error(`server exited during start:\n${await stderr}`);
      if (await status(base + path) === 200) return Math.round(performance.now() - started);
      await new Promise((r) => setTimeout(r, 5));
    }
    throw new Error(`no 200 on ${path} within ${timeoutMs} ms`);
  };
  try {
    const firstPageMs = await until("/");
    const firstPageCpuMs = await cpuMs(child.pid);
    const readyMs = await until("/readyz");
    const rssReadyMiB = await rssMiB(child.pid);
    for (const path of pages) {
      for (let i = 0; i < requests; i++) await status(base + path);
    }
    return {
      firstPageMs,
      firstPageCpuMs,
      readyMs,
      rssReadyMiB,
      rssAfterPagesMiB: await rssMiB(child.pid),
    };
  } finally {
    if (!exited) child.kill("SIGTERM");
    await child.status;
    await stderr;
  }
}

/**
 * The production environment of a harness app in `dataDir` on embedded PGlite unless `extra`
 * sets DATABASE_URL (needs `deno task build` first).
 */
export function productionEnv(dataDir: string, extra: Record<string, string> = {}) {
  const key = () => crypto.randomUUID().replaceAll("-", "") + crypto.randomUUID().slice(0, 8);
  return {
    ...harnessEnv(dataDir),
    DENO_ENV: "production",
    PUBLIC_URL: "http://127.0.0.1",
    AUDIT_KEYS: key(),
    // Embedded PGlite unless `extra` names a server (not this process's DATABASE_URL).
    DATABASE_URL: "",
    LOG_LEVEL: "error",
    ...extra,
  };
}

/**
 * Start-up with an empty data folder, then `rounds` starts with the data it left: the first
 * figures and the median of the others.
 */
export async function benchStartup(env: Record<string, string>, rounds = 3) {
  const empty = await measureStartup(env);
  const existing: StartupFigures[] = [];
  for (let i = 0; i < rounds; i++) existing.push(await measureStartup(env));
  const median = (k: keyof StartupFigures) =>
    existing.map((f) => f[k]).sort((a, b) => a - b)[Math.floor(existing.length / 2)];
  return {
    empty,
    existing: Object.fromEntries(
      (Object.keys(empty) as (keyof StartupFigures)[]).map((k) => [k, median(k)]),
    ) as unknown as StartupFigures,
  };
}

if (import.meta.main) {
  const dataDir = await Deno.makeTempDir({ prefix: "bench-startup-" });
  try {
    const figures = await benchStartup(productionEnv(dataDir));
    console.log(`load average ${Deno.loadavg()[0]} (other work on the machine skews these)`);
    console.table(figures);
  } finally {
    await Deno.remove(dataDir, { recursive: true });
  }
}
