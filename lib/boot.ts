import { loadSettings, redact, type Settings } from "./config.ts";
import { dbKind, openDb } from "./db/mod.ts";
import { deferredDb } from "./db/deferred.ts";
import { keepMigrated, type SchemaState } from "./db/keep_migrated.ts";
import { tracedDb } from "./db/traced.ts";
import { observeServices } from "./telemetry/metrics.ts";
import type { Services } from "./services.ts";
import { createSite, loadSiteAssets } from "./site.ts";
import { logger, setLogLevel } from "./telemetry/log.ts";
import { isSharedKv, openKv } from "../kv/open.ts";
import { LogHub } from "./realtime/hub.ts";
import { startJobs } from "./jobs/mod.ts";
import { drainLocalStarts } from "./agents/runs/local_runs.ts";
import { watchRunLeases } from "./agents/runs/sweeper.ts";
import "../queues/mod.ts";

/** A running instance. */
export interface RunningApp {
  services: Services;
  url: string;
  server: Deno.HttpServer<Deno.NetAddr>;
  /**
   * Settles once the database is open and migrated (or retrying through an outage); rejects
   * when it cannot be (a changed migration file): the instance must then stop.
   */
  ready: Promise<void>;
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
  /**
   * Return as soon as the server listens, while the database is still opening and migrating
   * (`ready` tells when it is done; /readyz answers 503 until then). Off: return when ready.
   */
  serveWhileWarming?: boolean;
}

/**
 * settings -> KV + site assets -> jobs worker + schedules -> Deno.serve, while the database
 * opens and migrates in the background (calls to it wait until it has).
 */
export async function startApp(options: StartOptions = {}): Promise<RunningApp> {
  const settings = options.settings ?? await loadSettings();
  setLogLevel(settings.logLevel);
  const shutdown = new AbortController();
  const schema: SchemaState = { ready: false, warming: true };
  let listening!: () => void;
  const listened = new Promise<void>((resolve) => (listening = resolve));
  // Opened once the server listens: PGlite's module and WebAssembly would otherwise compete
  // with loading the rest for the CPU and delay the first page.
  const opening = listened.then(() => openDb(settings)).then(async (raw) => {
    const traced = tracedDb(raw);
    try {
      await keepMigrated(traced, shutdown.signal, schema);
    } catch (error) {
      await raw.close();
      throw error;
    }
    return traced;
  }).finally(() => (schema.warming = false));
  const db = deferredDb(dbKind(settings), opening);
  const [kv, siteAssets] = await Promise.all([
    openKv(settings),
    loadSiteAssets(settings.env === "production"),
  ]).catch(async (error) => {
    listening();
    await db.close();
    throw error;
  });
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
  setTimeout(listening, 0);
  const url = `http://${
    server.addr.hostname.includes(":") ? `[${server.addr.hostname}]` : server.addr.hostname
  }:${server.addr.port}`;
  if (settings.port === 0 && new URL(settings.publicUrl).port === "0") settings.publicUrl = url;
  let stopping: Promise<void> | null = null;
  let step = "";
  const steps: [string, () => unknown][] = [
    ["ending streams and requests", () => (shutdown.abort(), server.shutdown())],
    ["closing the live hub", () => services.hub.close()],
    ["draining jobs", () => Promise.all([services.jobs.drain(10_000), drainLocalStarts(10_000)])],
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
  const ready = opening.then(() => {
    if (!shutdown.signal.aborted) logger.info("started", { url, settings: redact(settings) });
  });
  if (!options.serveWhileWarming) {
    await ready.catch(async (error) => {
      await stop();
      throw error;
    });
  }
  return { services, url, server, ready, stop, stopStep: () => step };
}
