/**
 * `deno task bench`: figures, not pass/fail, measured on loopback in one run. Starts the app
 * (`main.ts`, its own process, embedded KV + PGlite in a temporary data folder, the fake
 * OpenAI-compatible server as its provider) and prints, then writes to tests/.out/bench.json:
 * - cold start (process start to the first 200 of the home page), empty and existing data;
 * - Home, Pricing, Docs and a signed-in dashboard page against a plain `Deno.serve` answering
 *   the same bytes (the ceiling), as ratios, measured with `wrk` (fetch when it is missing);
 *   and Home as browsers get it (gzip) against the ceiling sending the same compressed bytes;
 * - JavaScript and total transfer bytes (gzip) per page, as Chromium loads it;
 * - SSE fan-out: POST /demo/record to delivery at each of 1,000 /demo/stream clients;
 * - the live dashboard in Chromium: POST /demo/record to the feed row and to the Visits figure;
 * - demo runs: time to first token, runs per second sustained, queue delay;
 * - resident memory idle and after all that load.
 * Env: BENCH_SECONDS (per measurement, default 5), BENCH_SSE_CLIENTS (1000), BENCH_SSE_EVENTS
 * (60), BENCH_TOOL=fetch (skip wrk), BENCH_SKIP (comma list of sections to leave out).
 */
import { harnessEnv, rssMiB, withData } from "../support/app_fixture.ts";
import { startFakeOpenAi } from "../support/fake_openai.ts";
import { createMember } from "../support/members.ts";
import { startServerProcess } from "../support/process.ts";
import { coldStartMs } from "./cold_start.ts";
import { benchDashboardLive } from "./dashboard_live.ts";
import { findWrk } from "./http_load.ts";
import { benchPages } from "./pages.ts";
import { BENCH_REPLY, benchRuns } from "./runs.ts";
import { benchFanout } from "./sse_fanout.ts";
import { benchTransfer } from "./transfer.ts";

const SECONDS = Number(Deno.env.get("BENCH_SECONDS") ?? 5);
const SSE_CLIENTS = Number(Deno.env.get("BENCH_SSE_CLIENTS") ?? 1000);
const SSE_EVENTS = Number(Deno.env.get("BENCH_SSE_EVENTS") ?? 60);
const SKIP = new Set((Deno.env.get("BENCH_SKIP") ?? "").split(",").filter(Boolean));

const results: Record<string, unknown> = {
  at: new Date().toISOString(),
  seconds: SECONDS,
  tool: (await findWrk()) ? "wrk -t2 -c50" : "fetch (50 loops)",
  cpus: navigator.hardwareConcurrency,
  deno: Deno.version.deno,
  /** Other work on the machine skews every figure: the 1-minute load average at the start. */
  loadAverage: Deno.loadavg()[0],
};

async function section<T>(name: string, fn: () => Promise<T>): Promise<T | undefined> {
  if (SKIP.has(name)) return undefined;
  console.error(`bench: ${name}...`);
  try {
    const value = await fn();
    results[name] = value;
    return value;
  } catch (error) {
    results[name] = { error: (error as Error).message };
    console.error(`bench: ${name} failed:`, error);
    return undefined;
  }
}

const dataDir = await Deno.makeTempDir({ prefix: "bench-" });
const fake = startFakeOpenAi();
fake.fallback = () => BENCH_REPLY;
const env = harnessEnv(dataDir, {
  extra: {
    LOG_LEVEL: "error",
    OPENAI_API_KEY: "sk-bench",
    OPENAI_BASE_URL: fake.baseURL,
    OPENAI_MAX_RETRIES: "0",
  },
});
try {
  await section("coldStartEmptyMs", () => coldStartMs(env, "/", 180_000));
  const member = await withData(
    env,
    (s) => createMember(s, "http://127.0.0.1", "bench@bench.example", "Bench Co"),
  );
  await section("coldStartExistingMs", () => coldStartMs(env, "/", 180_000));
  const app = await startServerProcess(env);
  try {
    const pid = app.child.pid;
    await section("rssIdleMiB", () => rssMiB(pid));
    const dashboard = `/dashboard/${member.workspace.slug}`;
    const pages = [
      { name: "Home", path: "/" },
      { name: "Pricing", path: "/pricing" },
      { name: "Docs", path: "/docs" },
      { name: "Dashboard", path: dashboard, headers: { cookie: member.cookie } },
    ];
    // What browsers get: the app compresses per request; the ceiling sends the same gzip bytes.
    const gzipped = [{ name: "Home (gzip)", path: "/", headers: { "accept-encoding": "gzip" } }];
    await section("pages", () => benchPages(app.url, [...pages, ...gzipped], SECONDS));
    await section(
      "transfer",
      () => benchTransfer(app.url, pages.map((p) => ({ ...p, cookie: p.headers?.cookie }))),
    );
    await section(
      "sseFanout",
      () => benchFanout(app.url, { clients: SSE_CLIENTS, events: SSE_EVENTS }),
    );
    await section(
      "dashboardLive",
      () => benchDashboardLive(app.url, { dashboardPath: dashboard, sessionCookie: member.cookie }),
    );
    await section("runs", () => benchRuns(app.url, { seconds: SECONDS }));
    await section("rssAfterLoadMiB", () => rssMiB(pid));
  } finally {
    await app.stop();
  }
} finally {
  await fake.close();
  await Deno.remove(dataDir, { recursive: true });
}

const table = (name: string) => {
  const v = results[name];
  if (Array.isArray(v)) console.table(v);
  else if (v !== undefined) console.log(name, v);
};
console.log(
  `\nbench (${results.tool}, ${SECONDS} s per measurement, ${results.cpus} CPUs, ` +
    `load average ${results.loadAverage} at start)`,
);
for (const name of Object.keys(results)) {
  if (!["at", "seconds", "tool", "cpus", "deno", "loadAverage"].includes(name)) table(name);
}
await Deno.mkdir(new URL("../.out/", import.meta.url), { recursive: true });
await Deno.writeTextFile(
  new URL("../.out/bench.json", import.meta.url),
  JSON.stringify(results, null, 2),
);
