/**
 * Chaos drill: the LLM provider fails. The fake OpenAI-compatible server first hangs (the
 * client times out), then stalls mid-stream, then answers 500s. The circuit breaker opens
 * (further runs fail at once, without calling the provider), every failed run tells the user
 * what happened in plain words, and no failed run is charged. When the provider recovers, the
 * breaker lets a run through after its cooldown (30 s) and runs succeed again.
 */
import { assert, assertEquals, assertStringIncludes } from "../support/assert.ts";
import { harnessEnv, withData } from "../support/app_fixture.ts";
import { type FakeReply, startFakeOpenAi, textChunks } from "../support/fake_openai.ts";
import { startServerProcess } from "../support/process.ts";
import { streamedText } from "../support/runs.ts";
import { runOnce, runView } from "../bench/run_client.ts";

/** The breaker's cooldown (lib/agents/providers/breaker.ts DEFAULT_BREAKER) plus slack. */
const RECOVERY_MS = 45_000;

Deno.test({
  name: "provider fails (hang, stall, 500s): breaker opens, clear message, not charged, recovers",
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    const dataDir = await Deno.makeTempDir({ prefix: "chaos-llm-" });
    const fake = startFakeOpenAi();
    const env = harnessEnv(dataDir, {
      postgres: true,
      extra: {
        OPENAI_API_KEY: "sk-chaos",
        OPENAI_BASE_URL: fake.baseURL,
        OPENAI_MAX_RETRIES: "0",
        OPENAI_TIMEOUT_MS: "1000",
        AGENT_MAX_ATTEMPTS: "1",
      },
    });
    const app = await startServerProcess(env, 120_000);
    const rows: Record<string, unknown>[] = [];
    const attempt = async (label: string, reply: FakeReply | null) => {
      fake.fallback = () =>
        reply ?? { kind: "stream", chunks: textChunks(["Back ", "again."]), delayMs: 1 };
      const before = fake.requests.length;
      const r = await runOnce(app.url, "docs-assistant", { question: "Is it up?" });
      assertEquals(r.status, 202, JSON.stringify(r.error));
      const last = r.events.at(-1)!;
      const { body: view } = await runView(app.url, r);
      rows.push({
        label,
        event: last.event,
        code: last.data.code ?? "",
        providerCalled: fake.requests.length > before,
        costUsd: view.costUsd,
        tokens: view.tokensIn + view.tokensOut,
        ms: Math.round(r.totalMs ?? 0),
      });
      return { r, last, view, called: fake.requests.length > before };
    };
    try {
      const failures = [
        await attempt("hang", { kind: "hang" }),
        await attempt("stall mid-stream", {
          kind: "stream",
          chunks: textChunks(["Partial ", "answer ", "then nothing"]),
          stallAfter: 1,
        }),
        await attempt("500", { kind: "status", status: 500 }),
        await attempt("500", { kind: "status", status: 500 }),
        await attempt("500", { kind: "status", status: 500 }),
      ];
      for (const f of failures) {
        assertEquals(f.last.event, "error");
        assertEquals(f.view.status, "failed");
        assertEquals([f.view.costUsd, f.view.tokensIn, f.view.tokensOut], [0, 0, 0], "not charged");
        assert(f.last.data.message.length > 10, "a message for the user");
        assert(!/stack|Error:|at \w+ \(/.test(f.last.data.message), f.last.data.message);
      }

      const open = await attempt("breaker open", { kind: "status", status: 500 });
      assertEquals(open.last.data.code, "circuit_open");
      assertStringIncludes(open.last.data.message, "AI provider");
      assertEquals(open.called, false, "an open breaker does not call the provider");
      assertEquals(open.view.costUsd, 0);

      const recoveredAt = Date.now();
      let ok = null;
      while (Date.now() - recoveredAt < RECOVERY_MS) {
        const a = await attempt("provider back", null);
        if (a.last.event === "done") {
          ok = a;
          break;
        }
        assertEquals(a.last.data.code, "circuit_open");
        await new Promise((r) => setTimeout(r, 2000));
      }
      assert(ok, "runs succeed again once the provider recovers");
      assertEquals(streamedText(ok.r.events), "Back again.");
      const again = await attempt("provider back", null);
      assertEquals(again.last.event, "done", "the breaker closed again");
    } finally {
      console.table(rows);
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
