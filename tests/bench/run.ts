/**
 * `deno task bench`: every figure of issue 18 with its reference measured in the same run, the
 * ratio, the goal and whether it is met; printed as a table and written with the raw sections
 * to tests/.out/bench.json (or BENCH_OUT). Method: `deno task build` first, the app in
 * production mode (`main.ts`, its own process, embedded KV + PGlite in a temporary data folder,
 * or DATABASE_URL's server; the fake OpenAI-compatible server as its provider), the server
 * under test pinned to CPU 0 and wrk to CPU 1 (`taskset`), 50 connections, alternating rounds
 * of app and reference, medians of the rounds (side_by_side.ts).
 * References: a plain `Deno.serve` answering the same bytes (ceiling_server.ts) for cached
 * and signed-in pages; Hono + preact-render-to-string rendering the same page components per
 * request (reference_server.tsx) for `/contact` and for start-up and memory; a plain Deno SSE
 * server (sse_reference_server.ts) for the live feed.
 * Env: BENCH_QUICK=1 (or `--quick`: 2 s rounds, page figures only, what `bench:check` runs),
 * BENCH_SECONDS (per round, default 5), BENCH_ROUNDS (3), BENCH_SSE_CLIENTS (1000),
 * BENCH_SSE_MAX_CLIENTS (10000), BENCH_SSE_EVENTS (40), BENCH_TOOL=fetch (skip wrk),
 * BENCH_PIN=0 (no taskset), BENCH_SKIP (comma list of sections to leave out: build,
 * coldStart, cachedPages, perRequestPages, dashboard, transfer, sseFanout, sseFanoutMax,
 * dashboardLive, runs, memory), BENCH_OUT (the JSON file).
 */
import { freePort, harnessEnv, rssMiB, withData } from "../support/app_fixture.ts";
import { startFakeOpenAi } from "../support/fake_openai.ts";
import { createMember } from "../support/members.ts";
import { startServerProcess } from "../support/process.ts";
import { benchDashboardLive } from "./dashboard_live.ts";
import { type Figure, figure, formatFigures } from "./figures.ts";
import { findWrk } from "./http_load.ts";
import { BENCH_REPLY, benchRuns } from "./runs.ts";
import {
  type BenchServer,
  pinning,
  pinProcess,
  referenceColdStart,
  sideBySide,
  startCeiling,
  startReference,
} from "./side_by_side.ts";
import { benchFanout, type FanoutResult } from "./sse_fanout.ts";
import { measureStartup } from "./startup.ts";
import { benchTransfer } from "./transfer.ts";
import { clientFigures } from "./client_figures.ts";

const QUICK = Deno.env.get("BENCH_QUICK") === "1" || Deno.args.includes("--quick");
const SECONDS = Number(Deno.env.get("BENCH_SECONDS") ?? (QUICK ? 2 : 5));
const ROUNDS = Number(Deno.env.get("BENCH_ROUNDS") ?? 3);
const SSE_CLIENTS = Number(Deno.env.get("BENCH_SSE_CLIENTS") ?? 1000);
const SSE_MAX_CLIENTS = Number(Deno.env.get("BENCH_SSE_MAX_CLIENTS") ?? 10_000);
const SSE_EVENTS = Number(Deno.env.get("BENCH_SSE_EVENTS") ?? 40);
const QUICK_SECTIONS = ["build", "cachedPages", "perRequestPages"];
const SKIP = new Set((Deno.env.get("BENCH_SKIP") ?? "").split(",").filter(Boolean));
const OUT = Deno.env.get("BENCH_OUT") ??
  new URL("../.out/bench.json", import.meta.url).pathname;
const POSTGRES = Boolean(Deno.env.get("DATABASE_URL"));

const results: Record<string, unknown> = {
  at: new Date().toISOString(),
  quick: QUICK,
  seconds: SECONDS,
  rounds: ROUNDS,
  tool: (await findWrk()) ? "wrk -t2 -c50" : "fetch (50 loops)",
  pinned: pinning() !== null,
  cpus: navigator.hardwareConcurrency,
  deno: Deno.version.deno,
  database: POSTGRES ? "postgresql" : "pglite",
  /** Other work on the machine skews every figure: the 1-minute load average at the start. */
  loadAverage: Deno.loadavg()[0],
};

const runs = (name: string) => !SKIP.has(name) && (!QUICK || QUICK_SECTIONS.includes(name));

async function section<T>(
  name: string,
  fn: () => Promise<T>,
  group = name,
): Promise<T | undefined> {
  if (!runs(group)) return undefined;
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

async function bodyOf(url: string, headers?: Record<string, string>): Promise<Uint8Array> {
  const res = await fetch(url, { headers, redirect: "manual" });
  const body = new Uint8Array(await res.arrayBuffer());
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
  return body;
}

/** The app against a ceiling serving the bytes the app answered `path` with. */
async function againstCeiling(
  appUrl: string,
  path: string,
  headers: Record<string, string> = {},
) {
  const body = await bodyOf(appUrl + path, headers);
  // fetch decodes what the app compressed: the ceiling sends the same gzip bytes as they are.
  const gzip = /gzip/.test(headers["accept-encoding"] ?? "");
  const ceiling = await startCeiling(
    gzip ? new Uint8Array(await gzipBytes(body)) : body,
    gzip ? "gzip" : undefined,
  );
  try {
    const row = await sideBySide({ url: appUrl + path, headers }, { url: ceiling.url + "/" }, {
      rounds: ROUNDS,
      seconds: SECONDS,
    });
    return { path, bytes: body.length, ...row };
  } finally {
    await ceiling.stop();
  }
}

async function gzipBytes(bytes: Uint8Array): Promise<ArrayBuffer> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new CompressionStream("gzip"));
  return await new Response(stream).arrayBuffer();
}

if (runs("build")) {
  console.error("bench: build...");
  const built = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", new URL("../../scripts/build.ts", import.meta.url).pathname],
    stdout: "null",
  }).output();
  if (!built.success) throw new Error("deno task build failed");
}

const dataDir = await Deno.makeTempDir({ prefix: "bench-" });
const fake = startFakeOpenAi();
fake.fallback = () => BENCH_REPLY;
const port = freePort();
const secret = () => crypto.randomUUID().replaceAll("-", "") + crypto.randomUUID().slice(0, 8);
const env = harnessEnv(dataDir, {
  postgres: POSTGRES,
  extra: {
    DENO_ENV: "production",
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    AUDIT_KEYS: secret(),
    LOG_LEVEL: "error",
    OPENAI_API_KEY: "sk-bench",
    OPENAI_BASE_URL: fake.baseURL,
    OPENAI_MAX_RETRIES: "0",
  },
});
let pages: { name: string; path: string; headers?: Record<string, string> }[] = [];
try {
  await section("coldStartEmptyMs", () => firstPageMs(env), "coldStart");
  const member = await withData(
    env,
    (s) => createMember(s, `http://127.0.0.1:${port}`, "bench@bench.example", "Bench Co"),
  );
  await section("coldStartExistingMs", () => firstPageMs(env), "coldStart");
  await section("reference", () => referenceColdStart(env), "coldStart");
  const app = await startServerProcess(env, 120_000);
  let reference: BenchServer | undefined;
  try {
    const pid = app.child.pid;
    const pin = pinning();
    if (pin) await pinProcess(pid, pin.server);
    await section("rssIdleMiB", () => rssMiB(pid), "memory");
    const dashboard = `/dashboard/${member.workspace.slug}`;
    pages = [
      { name: "Home", path: "/" },
      { name: "Pricing", path: "/pricing" },
      { name: "Docs", path: "/docs" },
      { name: "Contact", path: "/contact" },
      { name: "Privacy", path: "/privacy" },
      { name: "Dashboard", path: dashboard, headers: { cookie: member.cookie } },
    ];
    await section("cachedPages", async () => ({
      home: await againstCeiling(app.url, "/"),
      homeGzip: await againstCeiling(app.url, "/", { "accept-encoding": "gzip" }),
      pricing: await againstCeiling(app.url, "/pricing"),
    }));
    await section("perRequestPages", async () => {
      reference = await startReference(env);
      const contact = await sideBySide(
        { url: `${app.url}/contact` },
        { url: `${reference.url}/contact` },
        { rounds: ROUNDS, seconds: SECONDS },
      );
      const bytes = (await bodyOf(`${app.url}/contact`)).length;
      const referenceBytes = (await bodyOf(`${reference.url}/contact`)).length;
      return { contact: { path: "/contact", bytes, referenceBytes, ...contact } };
    });
    await section(
      "dashboard",
      () => againstCeiling(app.url, dashboard, { cookie: member.cookie }),
    );
    await section(
      "transfer",
      () => benchTransfer(app.url, pages.map((p) => ({ ...p, cookie: p.headers?.cookie }))),
    );
    await section("sseFanout", () => fanoutWithReference(app.url, SSE_CLIENTS));
    await section("sseFanoutMax", async () => ({
      app: await benchFanout(app.url, { clients: SSE_MAX_CLIENTS, events: SSE_EVENTS }),
      rssMiB: await rssMiB(pid),
    }));
    await section(
      "dashboardLive",
      () => benchDashboardLive(app.url, { dashboardPath: dashboard, sessionCookie: member.cookie }),
    );
    await section("runs", () => benchRuns(app.url, { seconds: SECONDS }));
    await section("rssAfterLoadMiB", () => rssMiB(pid), "memory");
  } finally {
    await reference?.stop();
    await app.stop();
  }
} finally {
  await fake.close();
  await Deno.remove(dataDir, { recursive: true });
}

/** Spawn of `main.ts` to its first 200 of Home (startup.ts), with no pages requested after. */
async function firstPageMs(env: Record<string, string>): Promise<number> {
  return (await measureStartup(env, { pages: [], timeoutMs: 180_000 })).firstPageMs;
}

/** 1,000 (or `clients`) stream clients on the app, then on the plain Deno SSE server. */
async function fanoutWithReference(url: string, clients: number) {
  const app = await benchFanout(url, { clients, events: SSE_EVENTS });
  const port = freePort();
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", new URL("./sse_reference_server.ts", import.meta.url).pathname, `${port}`],
    stdout: "null",
    stderr: "inherit",
  }).spawn();
  try {
    const refUrl = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 200; i++) {
      try {
        await (await fetch(`${refUrl}/demo/key`)).arrayBuffer();
        break;
      } catch {
        await new Promise((r) => setTimeout(r, 25));
      }
    }
    const reference = await benchFanout(refUrl, { clients, events: SSE_EVENTS });
    return { app, reference };
  } finally {
    child.kill();
    await child.status;
  }
}

type Row = { rps: number; referenceRps: number };
const get = <T>(name: string) => {
  const v = results[name] as T | { error: string } | undefined;
  return v && typeof v === "object" && "error" in v ? undefined : v as T | undefined;
};
const cached = get<Record<string, Row>>("cachedPages");
const perRequest = get<Record<string, Row>>("perRequestPages");
const dash = get<Row>("dashboard");
const ref = get<{ ms: number; rssMiB: number }>("reference");
const sse = get<{ app: FanoutResult; reference: FanoutResult }>("sseFanout");
const sseMax = get<{ app: FanoutResult; rssMiB: number }>("sseFanoutMax");
const runsResult = get<{ ttftP50Ms: number }>("runs");
const ceiling = (v: number | undefined) => ({ name: "plain Deno.serve, same bytes", value: v });
const hono = (v: number | undefined) => ({ name: "Hono + preact-render-to-string", value: v });
const figures: Figure[] = [
  figure(
    "home.cached",
    "Home, cached page",
    cached?.home.rps,
    "req/s",
    ceiling(cached?.home.referenceRps),
    { on: "ratio", op: ">=", bound: 0.8 },
  ),
  figure(
    "home.cached.gzip",
    "Home, cached page, gzip",
    cached?.homeGzip.rps,
    "req/s",
    ceiling(cached?.homeGzip.referenceRps),
    { on: "ratio", op: ">=", bound: 0.8 },
  ),
  figure(
    "pricing.cached",
    "Pricing, cached page",
    cached?.pricing.rps,
    "req/s",
    ceiling(cached?.pricing.referenceRps),
    { on: "ratio", op: ">=", bound: 0.8 },
  ),
  figure(
    "contact.perRequest",
    "/contact, rendered per request",
    perRequest?.contact.rps,
    "req/s",
    hono(perRequest?.contact.referenceRps),
    { on: "ratio", op: ">=", bound: 1.5 },
  ),
  figure(
    "dashboard.signedIn",
    `Signed-in dashboard page (${POSTGRES ? "PostgreSQL" : "PGlite"})`,
    dash?.rps,
    "req/s",
    ceiling(dash?.referenceRps),
    { on: "value", op: ">=", bound: POSTGRES ? 1000 : 300 },
  ),
  figure(
    "sse.1000.p99",
    `Live feed, ${SSE_CLIENTS} clients, POST to every client, p99`,
    sse?.app.allP99Ms,
    "ms",
    { name: "plain Deno SSE server", value: sse?.reference.allP99Ms },
    { on: "value", op: "<=", bound: 25 },
  ),
  figure(
    "sse.max.p99",
    `Live feed, ${SSE_MAX_CLIENTS} clients, p99 (every event delivered: ${
      sseMax ? sseMax.app.deliveredToAll === sseMax.app.events : "-"
    })`,
    sseMax && sseMax.app.deliveredToAll === sseMax.app.events ? sseMax.app.allP99Ms : undefined,
    "ms",
    null,
    { on: "value", op: "<=", bound: 250 },
  ),
  figure("sse.max.rss", `Live feed, ${SSE_MAX_CLIENTS} clients, RSS`, sseMax?.rssMiB, "MiB", null, {
    on: "value",
    op: "<=",
    bound: 1024,
  }),
  figure("memory.idle", "Memory after start with existing data", get<number>("rssIdleMiB"), "MiB", {
    name: "Hono page, after its first response",
    value: ref?.rssMiB,
  }, { on: "value", op: "<=", bound: 150 }),
  figure("memory.afterLoad", "Memory after the load", get<number>("rssAfterLoadMiB"), "MiB", {
    name: "Hono page, after its first response",
    value: ref?.rssMiB,
  }, { on: "value", op: "<=", bound: 300 }),
  figure(
    "startup.existing",
    "Start-up to first 200, existing data",
    get<number>("coldStartExistingMs"),
    "ms",
    { name: "Hono page", value: ref?.ms },
    { on: "value", op: "<=", bound: 1000 },
  ),
  figure(
    "startup.empty",
    "Start-up to first 200, empty data dir",
    get<number>("coldStartEmptyMs"),
    "ms",
    { name: "Hono page", value: ref?.ms },
    { on: "value", op: "<=", bound: 2000 },
  ),
  figure(
    "demo.firstToken",
    "Time to first demo token (server, provider run)",
    runsResult?.ttftP50Ms,
    "ms",
    null,
    { on: "value", op: "<=", bound: 50 },
  ),
];
if (!QUICK) figures.push(...await clientFigures(section));
results.figures = figures;

console.log(
  `\nbench (${results.tool}${results.pinned ? ", server on CPU 0, wrk on CPU 1" : ""}, ` +
    `${ROUNDS} rounds of ${SECONDS} s, median; ${results.cpus} CPUs, ${results.database}, ` +
    `load average ${results.loadAverage} at start${QUICK ? ", quick" : ""})\n`,
);
console.log(formatFigures(figures));
await Deno.mkdir(new URL(".", `file://${OUT}`), { recursive: true });
await Deno.writeTextFile(OUT, JSON.stringify(results, null, 2));
console.log(`\nwritten to ${OUT}`);
