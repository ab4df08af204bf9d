/**
 * Chaos drill: the app process is killed (SIGKILL) while agent runs stream. After a restart on
 * the same data (KV file, and DATABASE_URL's schema or embedded PGlite), every run ends,
 * succeeded or failed with a reason, none stays queued or running, and each run's stream read
 * from the start is intact: gapless ids, one terminal event, and the text of its last attempt
 * exactly what the provider sent.
 */
import { assert, assertEquals } from "../support/assert.ts";
import { harnessEnv, withData } from "../support/app_fixture.ts";
import { startFakeOpenAi, textChunks } from "../support/fake_openai.ts";
import { startServerProcess } from "../support/process.ts";
import { parseSse, streamedText } from "../support/runs.ts";
import { nextIp, runView } from "../bench/run_client.ts";

const RUNS = Number(Deno.env.get("CHAOS_RUNS") ?? 6);
/** Runs must settle within the lease (10 s) plus one sweeper minute, and some slack. */
const SETTLE_MS = 100_000;
const PARTS = Array.from({ length: 40 }, (_, i) => `w${i} `);

interface Started {
  runId: string;
  ip: string;
  cookie?: string;
}

async function startRun(baseUrl: string): Promise<Started> {
  const ip = nextIp();
  const res = await fetch(`${baseUrl}/api/runs`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": ip },
    body: JSON.stringify({ agent: "docs-assistant", input: { question: "Explain deploys" } }),
  });
  const body = await res.json();
  assertEquals(res.status, 202, JSON.stringify(body));
  return { runId: body.runId, ip, cookie: res.headers.get("set-cookie")?.split(";")[0] };
}

async function readStream(baseUrl: string, run: Started, timeoutMs = 20_000) {
  const res = await fetch(`${baseUrl}/api/runs/${run.runId}/stream`, {
    headers: { "x-forwarded-for": run.ip, ...(run.cookie ? { cookie: run.cookie } : {}) },
    signal: AbortSignal.timeout(timeoutMs),
  });
  assertEquals(res.status, 200);
  return parseSse(await res.text());
}

Deno.test({
  name: "SIGKILL during runs: after restart each run completes or fails with a reason, " +
    "none stays running, no stream corrupted",
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    const dataDir = await Deno.makeTempDir({ prefix: "chaos-kill-" });
    const fake = startFakeOpenAi();
    fake.fallback = () => ({ kind: "stream", chunks: textChunks(PARTS), delayMs: 100 });
    const env = harnessEnv(dataDir, {
      postgres: true,
      extra: {
        OPENAI_API_KEY: "sk-chaos",
        OPENAI_BASE_URL: fake.baseURL,
        OPENAI_MAX_RETRIES: "0",
        AGENT_RETRY_BASE_MS: "200",
      },
    });
    let app = await startServerProcess(env, 120_000);
    try {
      const runs = await Promise.all(Array.from({ length: RUNS }, () => startRun(app.url)));
      // Kill once every run is streaming tokens.
      const midway = Promise.all(runs.map(async (run) => {
        const res = await fetch(`${app.url}/api/runs/${run.runId}/stream`, {
          headers: { "x-forwarded-for": run.ip, ...(run.cookie ? { cookie: run.cookie } : {}) },
        });
        let text = "";
        const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
        while (!text.includes("event: token")) text += (await reader.read()).value ?? "";
        return reader;
      }));
      const readers = await midway;
      assertEquals(await app.stop("SIGKILL"), 137);
      for (const r of readers) await r.cancel().catch(() => {});

      const killedAt = Date.now();
      app = await startServerProcess(env, 120_000);
      const restartMs = Date.now() - killedAt;
      const views: Record<string, unknown>[] = [];
      for (const run of runs) {
        let view: { status: string; error: { code: string; message: string } | null } | null = null;
        while (Date.now() - killedAt < SETTLE_MS) {
          const { status, body } = await runView(app.url, run);
          assertEquals(status, 200, JSON.stringify(body));
          view = body;
          if (!["queued", "running"].includes(body.status)) break;
          await new Promise((r) => setTimeout(r, 500));
        }
        assert(view, "run view");
        assert(
          ["succeeded", "failed"].includes(view.status),
          `run ${run.runId} is still ${view.status} ${SETTLE_MS} ms after the kill`,
        );
        if (view.status === "failed") {
          assert(view.error?.code && view.error.message, `run ${run.runId} failed without reason`);
        }
        const events = await readStream(app.url, run);
        const ids = events.map((e) => e.id);
        assertEquals(ids, ids.map((_, i) => i + 1), `run ${run.runId} stream ids are gapless`);
        const terminal = events.filter((e) => e.event === "done" || e.event === "error");
        assertEquals(terminal.length, 1, `run ${run.runId} has one terminal event`);
        assertEquals(events.at(-1), terminal[0]);
        if (view.status === "succeeded") {
          assertEquals(streamedText(events), PARTS.join(""), `run ${run.runId} text intact`);
        }
        views.push({
          runId: run.runId.slice(0, 8),
          status: view.status,
          reason: view.error?.code ?? "",
          events: events.length,
          attempts: events.filter((e) => e.event === "started").length,
          settledAfterMs: Date.now() - killedAt,
        });
      }
      console.table(views);
      console.log(`restart took ${restartMs} ms`);
    } finally {
      await app.stop();
      await fake.close();
    }
    try {
      if (env.DATABASE_URL) {
        await withData(env, async ({ db, settings }) => {
          await db.exec(`drop schema "${settings.databaseSchema}" cascade`);
        });
      }
    } finally {
      await Deno.remove(dataDir, { recursive: true });
    }
  },
});
