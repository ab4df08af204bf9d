/**
 * Fixtures for the proof harness (bench, load, chaos), which runs `main.ts` as a child process:
 * an environment with fixed secrets (so this process can mint session cookies and lead form
 * tokens the child accepts), direct access to the child's data (seed it before start, check it
 * after stop, or at any time on PostgreSQL), and the child's memory.
 */
import { loadSettings, type Settings } from "../../lib/config.ts";
import { migrate, openDb } from "../../lib/db/mod.ts";
import { issueFormToken } from "../../lib/leads/form_token.ts";
import type { Services } from "../../lib/services.ts";
import { enqueueOnlyJobs } from "../../lib/jobs/mod.ts";
import { openKv } from "../../kv/open.ts";
import { uniqueSchema } from "./db.ts";

const secret = () => crypto.randomUUID().replaceAll("-", "") + crypto.randomUUID().slice(0, 8);

/**
 * The environment of one harness app: a data folder, fresh fixed secrets, forwarded client
 * addresses trusted (so a load generator can stand for many visitors), and, when `postgres` is
 * true and DATABASE_URL is set, that server in a schema of its own.
 */
export function harnessEnv(
  dataDir: string,
  { postgres = false, extra = {} }: { postgres?: boolean; extra?: Record<string, string> } = {},
): Record<string, string> {
  const url = Deno.env.get("DATABASE_URL");
  return {
    DENO_ENV: "test",
    LOG_LEVEL: "warn",
    DATA_DIR: dataDir,
    SESSION_SECRETS: secret(),
    DEMO_KEY_SECRETS: secret(),
    WEBHOOK_SECRETS: secret(),
    TRUSTED_PROXY: "true",
    // Benches and load tests open thousands of streams from one loopback address.
    SSE_MAX_PER_IP: "10000",
    ...(postgres && url ? { DATABASE_URL: url, DATABASE_SCHEMA: uniqueSchema() } : {}),
    ...extra,
  };
}

/** The settings a child started with `env` uses. */
export function settingsOf(env: Record<string, string>): Promise<Settings> {
  return loadSettings({ ...env, PORT: env.PORT ?? "0" });
}

/**
 * Opens the child's KV and database in this process (migrated), runs `fn`, closes them. With
 * embedded PGlite only while the child is stopped (PGlite is single-process).
 */
export async function withData<T>(
  env: Record<string, string>,
  fn: (services: Services) => Promise<T>,
): Promise<T> {
  const settings = await settingsOf(env);
  const [kv, db] = await Promise.all([openKv(settings), openDb(settings)]);
  try {
    await migrate(db);
    return await fn({ settings, kv, db, jobs: enqueueOnlyJobs(settings, kv) } as Services);
  } finally {
    kv.close();
    await db.close();
  }
}

/** A lead form token the child accepts, as if its form had been rendered `agoMs` ago. */
export async function formTokenFor(env: Record<string, string>, agoMs = 10_000): Promise<string> {
  return issueFormToken(await settingsOf(env), Date.now() - agoMs);
}

/** Resident memory of a process in MiB (Linux /proc), or NaN elsewhere. */
export async function rssMiB(pid: number): Promise<number> {
  try {
    const status = await Deno.readTextFile(`/proc/${pid}/status`);
    const kb = Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1]);
    return Math.round((kb / 1024) * 10) / 10;
  } catch {
    return NaN;
  }
}

/** A free loopback TCP port. */
export function freePort(): number {
  const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = l.addr.port;
  l.close();
  return port;
}

/** The soft limit of open files of this process (children inherit it). */
export async function openFileLimit(): Promise<number> {
  const out = await new Deno.Command("sh", { args: ["-c", "ulimit -n"], stdout: "piped" })
    .output();
  const text = new TextDecoder().decode(out.stdout).trim();
  return text === "unlimited" ? Infinity : Number(text);
}

/** Throws a clear error when fewer than `needed` files may be open at once. */
export async function requireOpenFiles(needed: number): Promise<void> {
  const limit = await openFileLimit();
  if (limit < needed) {
    throw new Error(
      `this needs ${needed} open files but the limit is ${limit}: run \`ulimit -n ${needed}\` ` +
        "(as root, or raise the hard limit) in the shell first",
    );
  }
}
