import { loadSettings, redact, type Settings } from "./config.ts";
import { openDb } from "./db/mod.ts";
import { keepMigrated } from "./db/keep_migrated.ts";
import { tracedDb } from "./db/traced.ts";
import { observeServices } from "./telemetry/metrics.ts";
import type { Services } from "./services.ts";
import { createSite, loadSiteAssets } from "./site.ts";
import { logger, setLogLevel } from "./telemetry/log.ts";
import { isSharedKv, openKv } from "../kv/open.ts";
import { LogHub } from "./realtime/hub.ts";
import { startJobs } from "./jobs/mod.ts";
import { watchRunLeases } from "./agents/runs/sweeper.ts";
import "../queues/mod.ts";

/** A running instance. */
export interface RunningApp {
  services: Services;
  url: string;
  server: Deno.HttpServer<Deno.NetAddr>;
  /** Graceful stop: end streams, finish in-flight requests, close KV and database. */
  stop(): Promise<void>;
  /** The step a graceful stop is in ("" before it starts), to say where a slow stop hangs. */
  stopStep(): string;
}

/** Options for `startApp`. */
export interface StartOptions {
  settings?: Settings;
  /** Fire the schedules (off in tests, which call the handlers directly). */
  crons?: boolean;
  onListen?: (addr: Deno.NetAddr) => void;
}

/** settings -> KV + Postgres (migrated) -> jobs worker + schedules -> Deno.serve. */
export async function startApp(options: StartOptions = {}): Promise<RunningApp> {
  const settings = options.settings ?? await loadSettings();
  setLogLevel(settings.logLevel);
  const [kv, db, siteAssets] = await Promise.all([
    openKv(settings),
    openDb(settings).then(tracedDb),
    loadSiteAssets(settings.env === "production"),
  ]);
  const shutdown = new AbortController();
  const schema = await keepMigrated(db, shutdown.signal);
  const services = {
    settings,
    kv,
    db,
    instanceId: crypto.randomUUID(),
    shutdown: shutdown.signal,
    schema,
    hub: new LogHub(kv, db, isSharedKv(settings.kvPath)),
  } as Omit<Services, "jobs"> as Services;
  services.jobs = startJobs(services, options.crons ?? true);
  if (options.crons ?? true) watchRunLeases(services, shutdown.signal);
  observeServices(services);
  const app = createSite(services, siteAssets);
  const server = Deno.serve({
    port: settings.port,
    hostname: settings.hostname,
    onListen: options.onListen ?? (() => {}),
  }, app.fetch);
  const url = `http://${
    server.addr.hostname.includes(":") ? `[${server.addr.hostname}]` : server.addr.hostname
  }:${server.addr.port}`;
  if (settings.port === 0 && new URL(settings.publicUrl).port === "0") settings.publicUrl = url;
  let stopping: Promise<void> | null = null;
  let step = "";
  const steps: [string, () => unknown][] = [
    ["ending streams and requests", () => (shutdown.abort(), server.shutdown())],
    ["closing the live hub", () => services.hub.close()],
    ["draining jobs", () => services.jobs.drain(10_000)],
    ["closing KV", () => kv.close()],
    ["stopping the jobs worker", () => services.jobs.stop()],
    ["closing the database", () => db.close()],
  ];
  const stop = () =>
    stopping ??= (async () => {
      for (const [name, run] of steps) {
        step = name;
        await run();
      }
      step = "stopped";
    })();
  logger.info("started", { url, settings: redact(settings) });
  return { services, url, server, stop, stopStep: () => step };
}
