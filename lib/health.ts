import { ping } from "./db/mod.ts";
import type { Services } from "./services.ts";
import { outboxCheck } from "./outbox/outbox.ts";

/** One readiness check's outcome. */
export interface CheckResult {
  ok: boolean;
  required: boolean;
  durationMs: number;
  detail?: string;
}

const TIMEOUT_MS = 1500;

async function timed(required: boolean, check: () => Promise<string | undefined>) {
  const started = performance.now();
  const finish = (ok: boolean, detail?: string): CheckResult => ({
    ok,
    required,
    durationMs: Math.round(performance.now() - started),
    ...(detail ? { detail } : {}),
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const detail = await Promise.race([
      check(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error("timed out")), TIMEOUT_MS);
      }),
    ]);
    return finish(true, detail);
  } catch (error) {
    return finish(false, (error as Error).message);
  } finally {
    clearTimeout(timer);
  }
}

async function checkKv(services: Services) {
  const key = ["health", services.instanceId];
  const value = crypto.randomUUID();
  await services.kv.set(key, value, { expireIn: 60_000 });
  const read = await services.kv.get<string>(key);
  if (read.value !== value) throw new Error("read back a different value");
  return undefined;
}

async function checkDb(services: Services) {
  if (services.schema.warming) throw new Error("starting: opening and migrating the database");
  if (!await ping(services.db, TIMEOUT_MS)) throw new Error("database unreachable");
  if (!services.schema.ready) throw new Error("migrations pending");
  return services.db.kind;
}

/** A ping job through the jobs backend, handled by a worker: "<backend>, round trip N ms". */
async function checkQueue(services: Services) {
  return `${services.jobs.backend}, ${await services.jobs.check()}`;
}

async function checkLlm(services: Services) {
  const { openaiApiKey: key, openaiBaseUrl: base } = services.settings;
  if (!key) return "offline engine";
  const url = `${(base ?? "https://api.openai.com/v1").replace(/\/$/, "")}/models`;
  const res = await fetch(url, {
    headers: { authorization: `Bearer ${key}` },
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  await res.body?.cancel();
  if (res.status >= 500) throw new Error(`provider answered ${res.status}`);
  if (res.status === 401 || res.status === 403) throw new Error("provider refused the API key");
  return "reachable";
}

/** Runs every readiness check in parallel; `ok` is false when a required one fails. */
export async function readiness(services: Services) {
  const [kv, database, queue, llm, outbox] = await Promise.all([
    timed(true, () => checkKv(services)),
    timed(true, () => checkDb(services)),
    timed(true, () => checkQueue(services)),
    timed(false, () => checkLlm(services)),
    timed(false, () => outboxCheck(services)),
  ]);
  const checks = { kv, database, queue, llm, outbox };
  const ok = Object.values(checks).every((c) => c.ok || !c.required);
  return { ok, checks };
}
