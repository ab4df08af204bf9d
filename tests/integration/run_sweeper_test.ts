/**
 * A run whose worker process is killed mid-stream is swept: the sweeper sees the expired lease,
 * schedules another attempt, and a second instance on the same KV finishes it. Also: a run whose
 * queue message was dead-lettered is failed instead of staying queued.
 */
import { assert, assertEquals } from "../support/assert.ts";
import { startTestApp } from "../support/app.ts";
import { startFakeOpenAi, textChunks } from "../support/fake_openai.ts";
import { startServerProcess } from "../support/process.ts";
import { streamedText, Visitor } from "../support/runs.ts";
import { getRun, updateRun } from "../../lib/agents/runs/record.ts";
import { reclaimExpiredRuns, sweepRuns } from "../../lib/agents/runs/sweeper.ts";
import { runDeadLetterKey } from "../../kv/keys.ts";

Deno.test({
  name:
    "a run whose worker process died is retried by the sweeper and finishes on another instance",
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    const fake = startFakeOpenAi();
    const dir = await Deno.makeTempDir();
    const env = {
      KV_PATH: `${dir}/kv.sqlite3`,
      DATA_DIR: dir,
      DATABASE_URL: "memory://",
      OPENAI_API_KEY: "sk-test-key",
      OPENAI_BASE_URL: fake.baseURL,
      OPENAI_MAX_RETRIES: "0",
      AGENT_RETRY_BASE_MS: "20",
      LOG_LEVEL: "error",
    };
    const parts = Array.from({ length: 30 }, (_, i) => `slow${i} `);
    fake.script(
      { kind: "stream", chunks: textChunks(parts), delayMs: 100 },
      { kind: "stream", chunks: textChunks(["Finished ", "elsewhere."]) },
    );
    const worker = await startServerProcess(env, 120_000);
    let app: Awaited<ReturnType<typeof startTestApp>> | undefined;
    try {
      const v = new Visitor({
        url: worker.url,
        fetch: (p: string, i?: RequestInit) => fetch(new URL(p, worker.url), i),
      });
      const runId = await v.start("docs-assistant", { question: "Will you survive?" });
      const res = await v.fetch(`/api/runs/${runId}/stream`);
      const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
      let seen = "";
      while ((seen.match(/event: token/g) ?? []).length < 3) {
        seen += (await reader.read()).value ?? "";
      }
      assertEquals(await worker.stop("SIGKILL"), 137);
      await reader.cancel().catch(() => {});

      app = await startTestApp({
        env: {
          KV_PATH: env.KV_PATH,
          OPENAI_API_KEY: env.OPENAI_API_KEY,
          OPENAI_BASE_URL: fake.baseURL,
          OPENAI_MAX_RETRIES: "0",
          AGENT_RETRY_BASE_MS: "20",
        },
      });
      const stuck = await getRun(app.services.kv, runId);
      assertEquals(stuck?.status, "running", "the dead worker left it running");
      assert(stuck!.worker !== app.services.instanceId, "owned by the dead instance");
      const report = await sweepRuns(app.services, Math.max(Date.now(), stuck!.leaseUntil! + 1));
      assertEquals(report.retried, 1);

      const survivor = new Visitor(app);
      survivor.cookie = v.cookie;
      const events = await survivor.stream(runId);
      const retry = events.find((e) => e.event === "retrying");
      assertEquals(retry?.data.code, "worker_lost");
      assertEquals(events.filter((e) => e.event === "started").map((e) => e.data.attempt), [1, 2]);
      assertEquals(streamedText(events), "Finished elsewhere.");
      assertEquals(events.at(-1)!.event, "done");
      const record = await survivor.run(runId);
      assertEquals([record.status, record.attempts], ["succeeded", 2]);
      const rows = await app.services.db.query<{ status: string }>(
        "select status from agent_runs where id = $1",
        [runId],
      );
      assertEquals(rows[0]?.status, "succeeded");
    } finally {
      await worker.stop("SIGKILL").catch(() => {});
      await app?.stop();
      await fake.close();
      await Deno.remove(dir, { recursive: true }).catch(() => {});
    }
  },
});

Deno.test("a queued run whose message was dead-lettered is failed by the sweeper", async () => {
  const app = await startTestApp({ env: { AGENT_CONCURRENCY: "1" } });
  try {
    const v = new Visitor(app);
    const runId = await v.start("docs-assistant", { question: "Lost in the queue?" });
    await v.stream(runId);
    const { kv } = app.services;
    const run = (await getRun(kv, runId))!;
    const stuck = {
      ...run,
      id: crypto.randomUUID().replaceAll("-", ""),
      status: "queued" as const,
      persisted: false,
    };
    await kv.set(["runs", stuck.id], stuck);
    await kv.set(["active_runs", stuck.id], "queued");
    await kv.set(runDeadLetterKey(stuck.id), { type: "agent_run", runId: stuck.id, attempt: 1 });
    const report = await sweepRuns(app.services);
    assertEquals(report.failed, 1);
    const failed = await getRun(kv, stuck.id);
    assertEquals(failed?.status, "failed");
    assertEquals(failed?.error?.code, "undelivered");
    assert((await kv.get(["active_runs", stuck.id])).value === null, "left the active index");
  } finally {
    await app.stop();
  }
});

Deno.test({
  name: "a dead worker's run is reclaimed once when every instance's lease watch races for it",
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    const fake = startFakeOpenAi();
    const parts = Array.from({ length: 40 }, (_, i) => `slow${i} `);
    fake.script(
      { kind: "stream", chunks: textChunks(parts), delayMs: 100 },
      { kind: "stream", chunks: textChunks(["Taken ", "over."]) },
    );
    const app = await startTestApp({
      env: {
        OPENAI_API_KEY: "sk-test-key",
        OPENAI_BASE_URL: fake.baseURL,
        OPENAI_MAX_RETRIES: "0",
        AGENT_RETRY_BASE_MS: "20",
      },
    });
    try {
      const v = new Visitor(app);
      const runId = await v.start("docs-assistant", { question: "Who owns me?" });
      const { kv } = app.services;
      for (let i = 0; i < 200 && (await getRun(kv, runId))?.status !== "running"; i++) {
        await new Promise((r) => setTimeout(r, 50));
      }
      // As if its worker had died: another owner whose lease ran out.
      await updateRun(kv, runId, (r) => ({ ...r, worker: "dead", leaseUntil: Date.now() - 1 }));
      const now = Date.now();
      const counts = await Promise.all(
        Array.from({ length: 5 }, () => reclaimExpiredRuns(app.services, now)),
      );
      assert(counts.some((n) => n > 0), "reclaimed");
      const events = await v.stream(runId);
      assertEquals(events.filter((e) => e.event === "retrying").length, 1, "one retry");
      assertEquals(events.filter((e) => e.event === "started").map((e) => e.data.attempt), [1, 2]);
      assertEquals(events.filter((e) => e.event === "done").length, 1);
      assertEquals(streamedText(events), "Taken over.");
    } finally {
      await app.stop();
      await fake.close();
    }
  },
});

Deno.test("a queued run whose job was lost with its worker is enqueued again and finishes", async () => {
  const app = await startTestApp({ env: { OFFLINE_CHUNK_DELAY_MS: "0" } });
  try {
    const v = new Visitor(app);
    const runId = await v.start("docs-assistant", { question: "Lost with its worker?" });
    await v.stream(runId);
    const { kv } = app.services;
    const run = (await getRun(kv, runId))!;
    // A run whose job a dead worker had taken: queued, its job long overdue, no message left.
    const lost = {
      ...run,
      id: crypto.randomUUID().replaceAll("-", ""),
      status: "queued" as const,
      attempt: 0,
      output: null,
      finishedAt: null,
      persisted: false,
      dueAt: Date.now() - 60_000,
    };
    await kv.set(["runs", lost.id], lost);
    await kv.set(["active_runs", lost.id], "queued");
    assertEquals(await reclaimExpiredRuns(app.services), 1);
    assertEquals(await reclaimExpiredRuns(app.services), 0, "enqueued once, not every pass");
    for (let i = 0; i < 200 && (await getRun(kv, lost.id))?.status !== "succeeded"; i++) {
      await new Promise((r) => setTimeout(r, 50));
    }
    const done = await getRun(kv, lost.id);
    assertEquals([done?.status, done?.attempt], ["succeeded", 1]);
  } finally {
    await app.stop();
  }
});
