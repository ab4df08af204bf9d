/**
 * The cluster proof: three app processes (`main.ts`) on one PostgreSQL with the PostgreSQL jobs
 * backend (graphile-worker) and one shared KV that refuses queues exactly as KV Connect does
 * (a KV file with KV_QUEUES=false). A mixed workload (leads, agent runs, lead notifications to
 * a loopback webhook, live feed events, sign-ins) runs while one instance is killed with
 * SIGKILL mid-run. Then: every accepted lead is stored once; every run finished, or failed with
 * a reason, none stuck and none completed twice; every notification was sent once; every
 * schedule fired once per tick; the feed reached the clients of every instance.
 * `deno task test:cluster` (not part of `deno task test`) uses DATABASE_URL, or starts a
 * throwaway PostgreSQL.
 */
import { getRun, type RunRecord } from "../../lib/agents/runs/record.ts";
import { openPostgres } from "../../lib/db/postgres.ts";
import { jobsSchema } from "../../lib/jobs/pg_backend.ts";
import { outboxDepth } from "../../lib/outbox/outbox.ts";
import { openKv } from "../../kv/open.ts";
import { formTokenFor, harnessEnv } from "../support/app_fixture.ts";
import { solvedAltcha } from "../support/leads.ts";
import { assert, assertEquals } from "../support/assert.ts";
import { databaseUrl } from "../support/db.ts";
import { startFakeOpenAi, textChunks } from "../support/fake_openai.ts";
import { type ServerProcess, startServerProcess } from "../support/process.ts";
import { startReceiver } from "../support/receivers.ts";
import { parseSse, streamedText } from "../support/runs.ts";
import { readSse, type SseReader } from "../support/sse.ts";
import { nextIp, runView } from "../bench/run_client.ts";

const PARTS = Array.from({ length: 50 }, (_, i) => `w${i} `);
const SETTLE_MS = 110_000;

interface Started {
  runId: string;
  ip: string;
  cookie?: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function startRun(url: string): Promise<Started> {
  const ip = nextIp();
  const res = await fetch(`${url}/api/runs`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": ip },
    body: JSON.stringify({ agent: "docs-assistant", input: { question: "Explain deploys" } }),
  });
  const body = await res.json();
  assertEquals(res.status, 202, JSON.stringify(body));
  return { runId: body.runId, ip, cookie: res.headers.get("set-cookie")?.split(";")[0] };
}

/** A lead with a solved ALTCHA captcha, as the page's form sends it. */
async function leadBody(url: string, env: Record<string, string>, i: number): Promise<string> {
  const captcha = await solvedAltcha((path) => fetch(`${url}${path}`));
  return JSON.stringify({
    name: `Person ${i}`,
    email: `person${i}@cluster.example`,
    company: "Cluster Co",
    message: "We want agents to triage our support inbox.",
    consent: true,
    formToken: await formTokenFor(env),
    captcha,
  });
}

/** Posts a lead; the same body and Idempotency-Key again (a double click) is the same lead. */
async function postLead(url: string, i: number, body: string): Promise<string> {
  const res = await fetch(`${url}/api/leads`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "idempotency-key": `cluster-lead-${i}`,
      "x-forwarded-for": `203.0.113.${i}`,
    },
    body,
  });
  const json = await res.json();
  assertEquals(res.status, 202, JSON.stringify(json));
  return json.leadId as string;
}

/** Records a feed event on `url`; `mark` (its public `durationMs`) tells events apart. */
async function recordFeedEvent(url: string, mark: number) {
  const { key } = await (await fetch(`${url}/demo/key`)).json();
  const res = await fetch(`${url}/demo/record`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-demo-key": key, cookie: "consent=analytics" },
    body: JSON.stringify({ type: "demo_started", agent: "lead-qualifier", durationMs: mark }),
  });
  await res.body?.cancel();
  assertEquals(res.status, 202);
}

/** Magic-link sign-in requested on `ask`, read from the outbox and confirmed on `verify`. */
async function signIn(ask: string, verify: string, check: string, email: string) {
  const ip = `198.51.100.${1 + Math.floor(Math.random() * 254)}`;
  const form = (url: string, path: string, fields: Record<string, string>, cookie = "") =>
    fetch(`${url}${path}`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        origin: new URL(url).origin,
        "x-forwarded-for": ip,
        ...(cookie ? { cookie } : {}),
      },
      body: new URLSearchParams(fields),
      redirect: "manual",
    });
  const asked = await form(ask, "/signin", { email });
  await asked.body?.cancel();
  assertEquals(asked.status, 200);
  const outbox = await fetch(`${verify}/dev/outbox`, { headers: { accept: "application/json" } });
  const { emails } = await outbox.json() as { emails: { to: string; text: string }[] };
  const link = emails.find((m) => m.to === email)?.text.match(/https?:\/\/\S+verify\S+/)?.[0];
  assert(link, `a sign-in link for ${email}`);
  const token = new URL(link).searchParams.get("token")!;
  const done = await form(verify, "/signin/verify", { token });
  await done.body?.cancel();
  assertEquals(done.status, 303);
  const cookie = done.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const me = await fetch(`${check}/api/me`, { headers: { cookie, "x-forwarded-for": ip } });
  assertEquals(me.status, 200, `the session made on one instance works on another`);
  await me.body?.cancel();
}

/** The marks of the feed events `sse` delivers until it has seen `want` (or `ms` passed). */
async function feedMarks(sse: SseReader, want: Set<number>, ms: number): Promise<Set<number>> {
  const seen = new Set<number>();
  const until = Date.now() + ms;
  while ([...want].some((a) => !seen.has(a)) && Date.now() < until) {
    try {
      const frame = await sse.next(Math.max(100, until - Date.now()));
      const data = frame.data ? JSON.parse(frame.data) : null;
      if (data?.type === "demo_started" && want.has(data.data?.durationMs)) {
        seen.add(data.data.durationMs);
      }
    } catch {
      break;
    }
  }
  return seen;
}

Deno.test({
  name: "cluster: 3 instances, PostgreSQL jobs, KV without queues, one SIGKILLed mid-run",
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    const DATABASE_URL = databaseUrl();
    const testStarted = Date.now();
    const dir = await Deno.makeTempDir({ prefix: "cluster-" });
    const fake = startFakeOpenAi();
    fake.fallback = () => ({ kind: "stream", chunks: textChunks(PARTS), delayMs: 120 });
    const hooks = startReceiver();
    const env = harnessEnv(dir, {
      postgres: true,
      extra: {
        KV_PATH: `${dir}/kv.sqlite3`,
        KV_QUEUES: "false",
        JOBS_BACKEND: "postgres",
        LOG_LEVEL: "info",
        OPENAI_API_KEY: "sk-cluster",
        OPENAI_BASE_URL: fake.baseURL,
        OPENAI_MAX_RETRIES: "0",
        AGENT_RETRY_BASE_MS: "200",
        AGENT_CONCURRENCY: "4",
        CRM_WEBHOOK_URL: `${hooks.url}/crm`,
        NOTIFY_BACKOFF_MS: "200,500,1000",
        LEAD_MIN_FILL_SECONDS: "1",
      },
    });
    const schema = env.DATABASE_SCHEMA;
    const apps: ServerProcess[] = [await startServerProcess(env, 120_000)];
    apps.push(...await Promise.all([1, 2].map(() => startServerProcess(env, 120_000))));
    const kv = await openKv({ kvPath: env.KV_PATH, kvQueues: false });
    const db = await openPostgres({ url: DATABASE_URL, schema, max: 2 });
    const streams: SseReader[] = [];
    try {
      const ids = await Promise.all(
        apps.map(async (a) => (await (await fetch(`${a.url}/healthz`)).json()).instance),
      );
      for (const a of apps) {
        const res = await fetch(`${a.url}/demo/stream?last=0`);
        assertEquals(res.status, 200);
        streams.push(readSse(res));
      }
      for (const s of streams) await s.next(10_000);

      // Before the kill: leads (each sent twice, to two instances), sign-ins across instances,
      // feed events on every instance, then agent runs on every instance.
      const leads = new Set<string>();
      for (let i = 1; i <= 6; i++) {
        const body = await leadBody(apps[i % 3].url, env, i);
        leads.add(await postLead(apps[i % 3].url, i, body));
        leads.add(await postLead(apps[(i + 1) % 3].url, i, body));
      }
      await signIn(apps[2].url, apps[0].url, apps[1].url, "ada@cluster.example");
      const marksBefore = new Set([1000, 1001, 1002]);
      for (const [i, a] of apps.entries()) await recordFeedEvent(a.url, 1000 + i);
      const runs = await Promise.all(
        Array.from({ length: 18 }, (_, i) => startRun(apps[i % 3].url)),
      );
      // The victim's feed client must have seen the events recorded before it dies.
      const victimSaw = await feedMarks(streams[2], marksBefore, 15_000);
      assertEquals([...victimSaw].sort(), [...marksBefore].sort(), "feed on the victim");

      // Kill the third instance while runs stream on it.
      const victim = ids[2];
      let onVictim: string[] = [];
      const waitUntil = Date.now() + 30_000;
      while (Date.now() < waitUntil) {
        const records = await Promise.all(runs.map((r) => getRun(kv, r.runId)));
        onVictim = records.filter((r) => r?.status === "running" && r.worker === victim)
          .map((r) => r!.id);
        if (onVictim.length > 0 && records.some((r) => (r?.output ?? "").length > 0)) break;
        await sleep(200);
      }
      assert(onVictim.length > 0, "some runs were running on the victim");
      assertEquals(await apps[2].stop("SIGKILL"), 137);
      const killedAt = Date.now();

      // After the kill: more leads, feed events and runs on the survivors, and a sign-in.
      for (let i = 7; i <= 10; i++) {
        leads.add(await postLead(apps[i % 2].url, i, await leadBody(apps[i % 2].url, env, i)));
      }
      await signIn(apps[0].url, apps[1].url, apps[0].url, "grace@cluster.example");
      for (const [i, a] of apps.slice(0, 2).entries()) await recordFeedEvent(a.url, 2000 + i);
      runs.push(...await Promise.all([0, 1, 0].map((i) => startRun(apps[i].url))));

      // How long the victim's runs waited before another instance took them over.
      const takenOver = new Map<string, number>();
      const views = new Map<string, { status: string; error: { code: string } | null }>();
      while (Date.now() - killedAt < SETTLE_MS) {
        for (const id of onVictim) {
          if (takenOver.has(id)) continue;
          const r: RunRecord | null = await getRun(kv, id);
          if (r && r.worker !== victim) takenOver.set(id, Date.now() - killedAt);
        }
        for (const run of runs) {
          const { body } = await runView(apps[0].url, run);
          views.set(run.runId, body);
        }
        if ([...views.values()].every((v) => !["queued", "running"].includes(v.status))) break;
        await sleep(500);
      }

      // Every run finished or failed with a reason; none stuck; none completed twice.
      for (const run of runs) {
        const view = views.get(run.runId)!;
        assert(
          ["succeeded", "failed"].includes(view.status),
          `run ${run.runId} is ${view.status} ${SETTLE_MS} ms after the kill`,
        );
        if (view.status === "failed") assert(view.error?.code, `run ${run.runId} has a reason`);
        const res = await fetch(`${apps[1].url}/api/runs/${run.runId}/stream`, {
          headers: { "x-forwarded-for": run.ip, ...(run.cookie ? { cookie: run.cookie } : {}) },
          signal: AbortSignal.timeout(20_000),
        });
        const events = parseSse(await res.text());
        const terminal = events.filter((e) => e.event === "done" || e.event === "error");
        assertEquals(terminal.length, 1, `run ${run.runId} ended exactly once`);
        if (view.status === "succeeded") assertEquals(streamedText(events), PARTS.join(""));
      }
      // A finished run reaches PostgreSQL just after its last event (or by the sweeper).
      const recorded = () =>
        db.query<{ n: number; ids: number }>(
          `select count(*)::int as n, count(distinct id)::int as ids from agent_runs
           where id = any($1::text[])`,
          [runs.map((r) => r.runId)],
        ).then(([row]) => row);
      let rows = await recorded();
      for (let i = 0; i < 150 && rows.ids < runs.length; i++) {
        await sleep(500);
        rows = await recorded();
      }
      assertEquals(rows, { n: runs.length, ids: runs.length }, "each run recorded once");

      // Every accepted lead stored exactly once; its notification sent exactly once.
      const settle = Date.now() + 90_000;
      let stored: { id: string }[] = [];
      let sent: { id: string; status: string }[] = [];
      while (Date.now() < settle) {
        stored = await db.query<{ id: string }>("select id::text as id from leads");
        sent = await db.query<{ id: string; status: string }>(
          "select id, status from notifications",
        );
        if (
          stored.length === leads.size && sent.length === leads.size &&
          sent.every((n) => n.status === "sent") && (await outboxDepth({ kv } as never)) === 0
        ) break;
        await sleep(500);
      }
      assertEquals(stored.map((r) => r.id).sort(), [...leads].sort(), "every lead stored once");
      assertEquals(sent.filter((n) => n.status === "sent").length, leads.size);
      const deliveries = hooks.received.filter((r) => r.path === "/crm")
        .map((r) => r.headers.get("x-relay-delivery")!);
      assertEquals(deliveries.sort(), sent.map((n) => n.id).sort(), "each notification once");

      // The feed reached the clients of every surviving instance, before and after the kill.
      const all = new Set([...marksBefore, 2000, 2001]);
      for (const s of streams.slice(0, 2)) {
        const saw = await feedMarks(s, all, 15_000);
        assertEquals([...saw].sort(), [...all].sort(), "feed on a survivor");
      }

      // Readiness is a real round trip through the PostgreSQL jobs backend.
      for (const a of apps.slice(0, 2)) {
        const ready = await (await fetch(`${a.url}/readyz`)).json();
        assert(ready.checks.queue.ok, JSON.stringify(ready.checks.queue));
        assert(/^postgres, round trip \d+ ms$/.test(ready.checks.queue.detail));
      }

      // Every schedule fired once per tick across the instances (their "cron done" lines); wait
      // for the survivors' first minute tick after the kill if the workload ended before it.
      const swept = () =>
        apps.slice(0, 2).some((a) =>
          a.output().split("\n").some((l) =>
            l.includes('"msg":"cron done"') && l.includes('"job":"sweep agent runs"') &&
            Date.parse(JSON.parse(l).tick) > killedAt - 60_000
          )
        );
      for (let i = 0; i < 150 && !swept(); i++) await sleep(500);
      const fired = new Map<string, number>();
      for (const a of apps) {
        for (const line of a.output().split("\n")) {
          if (!line.includes('"msg":"cron done"')) continue;
          const { job, tick } = JSON.parse(line);
          fired.set(`${job} @ ${tick}`, (fired.get(`${job} @ ${tick}`) ?? 0) + 1);
        }
      }
      assert([...fired.keys()].some((k) => k.startsWith("sweep agent runs")), "a sweep ran");
      for (const [tick, n] of fired) assertEquals(n, 1, `${tick} fired ${n} times`);

      const waits = [...takenOver.values()];
      console.log(
        `runs on the killed instance: ${onVictim.length}; taken over after ` +
          `${waits.map((w) => `${(w / 1000).toFixed(1)} s`).join(", ")}; schedule ticks: ` +
          `${fired.size}; leads: ${leads.size}; runs: ${runs.length}; ` +
          `test took ${((Date.now() - testStarted) / 1000).toFixed(0)} s`,
      );
      assertEquals(waits.length, onVictim.length, "another instance took every victim run");
    } finally {
      for (const s of streams) await s.close().catch(() => {});
      for (const a of apps) await a.stop().catch(() => {});
      kv.close();
      await db.exec(`drop schema if exists "${schema}" cascade`).catch(() => {});
      await db.exec(`drop schema if exists "${jobsSchema(schema)}" cascade`).catch(() => {});
      await db.close();
      await fake.close();
      await hooks.close();
      await Deno.remove(dir, { recursive: true }).catch(() => {});
    }
  },
});
