/**
 * Signed-in dashboard throughput on each database backend: `main.ts` started with embedded
 * PGlite and, when DATABASE_URL is set, on that PostgreSQL server (a schema of its own), a
 * member seeded with `runs` agent runs and `leads` leads, then the Overview page measured with
 * the session cookie (its JSON API is rate-limited per client, so a load from one address
 * measures the limiter, not the page). Run directly for a report:
 * `deno run -A tests/bench/dashboard.ts` (BENCH_SECONDS, default 5).
 */
import { harnessEnv, withData } from "../support/app_fixture.ts";
import { createMember } from "../support/members.ts";
import { startServerProcess } from "../support/process.ts";
import { measure } from "./http_load.ts";
import type { Services } from "../../lib/services.ts";

/** One measured dashboard URL. */
export interface DashboardRow {
  backend: "pglite" | "postgres";
  page: string;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
}

async function seed(services: Services, tenantId: string, runs: number, leads: number) {
  const day = 24 * 60 * 60 * 1000;
  for (let i = 0; i < runs; i++) {
    const created = new Date(Date.now() - (i % 30) * day - i * 1000);
    await services.db.query(
      `insert into agent_runs (id, tenant_id, agent, provider, status, created_at, started_at,
                               first_token_at, finished_at, tokens_in, tokens_out)
       values ($1, $2, 'docs-assistant', 'offline', $3, $4, $4, $4, $4::timestamptz + interval '2 s',
               120, 340)`,
      [`bench-run-${i}`, tenantId, i % 10 === 0 ? "failed" : "succeeded", created],
    );
  }
  for (let i = 0; i < leads; i++) {
    await services.db.query(
      `insert into leads (idempotency_key, tenant_id, name, email, status, created_at)
       values ($1, $2, 'Bench', 'lead@bench.example', 'new', $3)`,
      [`bench-lead-${i}`, tenantId, new Date(Date.now() - (i % 30) * day)],
    );
  }
}

/**
 * Measures the Overview page on `backend` for `seconds` (extra env in `env`).
 * PostgreSQL needs DATABASE_URL.
 */
export async function benchDashboardBackend(
  backend: "pglite" | "postgres",
  { seconds = 5, runs = 300, leads = 60, env = {} as Record<string, string> } = {},
): Promise<DashboardRow[]> {
  const dataDir = await Deno.makeTempDir({ prefix: "bench-dashboard-" });
  const appEnv = harnessEnv(dataDir, {
    postgres: backend === "postgres",
    // Empty: the server process must not inherit this process's DATABASE_URL on PGlite.
    extra: { LOG_LEVEL: "error", ...(backend === "pglite" ? { DATABASE_URL: "" } : {}), ...env },
  });
  try {
    const member = await withData(appEnv, async (s) => {
      const m = await createMember(s, "http://127.0.0.1", "dash@bench.example", "Bench Co");
      await seed(s, m.workspace.id, runs, leads);
      return m;
    });
    const app = await startServerProcess(appEnv);
    try {
      const path = `/dashboard/${member.workspace.slug}`;
      const check = await fetch(app.url + path, { headers: { cookie: member.cookie } });
      await check.body?.cancel();
      if (check.status !== 200) throw new Error(`${path} answered ${check.status}, not 200`);
      const r = await measure(app.url + path, { seconds, headers: { cookie: member.cookie } });
      return [{
        backend,
        page: "Overview",
        rps: r.rps,
        p50Ms: r.p50Ms,
        p99Ms: r.p99Ms,
        errors: r.errors,
      }];
    } finally {
      await app.stop();
    }
  } finally {
    await Deno.remove(dataDir, { recursive: true });
  }
}

/** Every backend available here: PGlite always, PostgreSQL when DATABASE_URL is set. */
export async function benchDashboard(seconds = 5): Promise<DashboardRow[]> {
  const rows = await benchDashboardBackend("pglite", { seconds });
  if (Deno.env.get("DATABASE_URL")) {
    rows.push(...await benchDashboardBackend("postgres", { seconds }));
  }
  return rows;
}

if (import.meta.main) {
  const rows = await benchDashboard(Number(Deno.env.get("BENCH_SECONDS") ?? 5));
  console.log(`load average ${Deno.loadavg()[0]} (other work on the machine skews these)`);
  console.table(rows);
}
