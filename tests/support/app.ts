/**
 * Starts the real app in this test process on a loopback port: in-memory KV, in-memory PGlite
 * (or, with `backend: "postgres"`, the DATABASE_URL server in a schema of its own; without
 * DATABASE_URL that start fails rather than falling back).
 */
import { type RunningApp, startApp } from "../../lib/boot.ts";
import { loadSettings } from "../../lib/config.ts";
import { databaseUrl, uniqueSchema } from "./db.ts";

/** A running test instance. */
export interface TestApp extends RunningApp {
  /** Fetches a path on the instance. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
}

/** Options for `startTestApp`. */
export interface TestAppOptions {
  env?: Record<string, string>;
  backend?: "pglite" | "postgres";
}

/** Starts an instance; call `stop()` at the end of the test. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const postgres = options.backend === "postgres";
  const settings = await loadSettings({
    DENO_ENV: "test",
    PORT: "0",
    HOSTNAME: "127.0.0.1",
    KV_PATH: ":memory:",
    DATABASE_URL: postgres ? databaseUrl() : "memory://",
    DATABASE_SCHEMA: postgres ? uniqueSchema() : "public",
    LOG_LEVEL: "error",
    ...options.env,
  });
  const app = await startApp({ settings, crons: false });
  return {
    ...app,
    fetch: (path, init) => fetch(new URL(path, app.url), init),
  };
}
