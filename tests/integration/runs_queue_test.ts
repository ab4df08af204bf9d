/**
 * The run queue worker with the OpenAI-compatible provider pointed at a fake server: streaming
 * and cost, retries with backoff, the dead-letter list, cancellation and the per-instance
 * concurrency limit. One app and one fake per jobs backend: KV queues, and PostgreSQL
 * (graphile-worker).
 */
import { assert, assertEquals, assertStringIncludes } from "../support/assert.ts";
import { startTestApp, type TestApp } from "../support/app.ts";
import { type FakeOpenAi, startFakeOpenAi, textChunks } from "../support/fake_openai.ts";
import { streamedText, Visitor } from "../support/runs.ts";
import { listDeadLetters } from "../../lib/agents/runs/worker.ts";
import { getRun } from "../../lib/agents/runs/record.ts";
import { costOf } from "../../lib/agents/pricing.ts";

const question = (q: string) => ({ question: q });

for (const jobs of ["kv", "postgres"] as const) suite(jobs);

function suite(jobs: "kv" | "postgres") {
  let fake: FakeOpenAi;
  let app: TestApp;
  const test = (name: string, fn: () => Promise<void>) =>
    Deno.test({ name: `${name} [${jobs} jobs]`, sanitizeOps: false, sanitizeResources: false, fn });

  test("starts the fake provider and the app", async () => {
    fake = startFakeOpenAi();
    app = await startTestApp({
      backend: jobs === "postgres" ? "postgres" : "pglite",
      env: {
        JOBS_BACKEND: jobs,
        OPENAI_API_KEY: "sk-test-key",
        OPENAI_BASE_URL: fake.baseURL,
        OPENAI_MODEL: "gpt-4o-mini",
        OPENAI_MAX_RETRIES: "0",
        OPENAI_TIMEOUT_MS: "2000",
        AGENT_RETRY_BASE_MS: "40",
        AGENT_MAX_ATTEMPTS: "3",
        AGENT_CONCURRENCY: "2",
        TRUSTED_PROXY: "true",
      },
    });
  });

  test("a provider run streams its tokens and records usage and cost from the price table", async () => {
    fake.script({
      kind: "stream",
      chunks: textChunks(["Deploy ", "with ", "deno task build."], {
        prompt_tokens: 1200,
        completion_tokens: 300,
      }),
    });
    const v = new Visitor(app);
    const runId = await v.start("docs-assistant", question("How do I deploy?"));
    const events = await v.stream(runId);
    assertEquals(events[0].data.provider, "openai");
    assertEquals(streamedText(events), "Deploy with deno task build.");
    const done = events.at(-1)!;
    assertEquals(done.event, "done");
    const cost = costOf("gpt-4o-mini", { tokensIn: 1200, tokensOut: 300 });
    assertEquals(cost, 0.00036);
    assertEquals(done.data.costUsd, cost);
    const record = await v.run(runId);
    assertEquals([record.provider, record.model, record.tokensIn, record.tokensOut], [
      "openai",
      "gpt-4o-mini",
      1200,
      300,
    ]);
    assertEquals(fake.requests.at(-1)!.body.model, "gpt-4o-mini");
  });

  test("a failed attempt is retried with backoff and the stream restarts cleanly", async () => {
    fake.script(
      { kind: "status", status: 503 },
      { kind: "stream", chunks: textChunks(["Second ", "time ", "lucky."]) },
    );
    const v = new Visitor(app);
    const runId = await v.start("docs-assistant", question("Retry please?"));
    const events = await v.stream(runId);
    const types = events.map((e) => e.event);
    assertEquals(types.slice(0, 3), ["started", "retrying", "started"]);
    assertEquals(events[1].data.code, "provider_unavailable");
    assertEquals(events[2].data.attempt, 2);
    assertEquals(streamedText(events), "Second time lucky.");
    const record = await v.run(runId);
    assertEquals(record.status, "succeeded");
    assertEquals(record.attempts, 2);
  });

  test("a run failing every attempt ends with an error event and lands on the dead-letter list", async () => {
    fake.script({ kind: "status", status: 500 }, { kind: "status", status: 502 }, {
      kind: "status",
      status: 500,
    });
    const v = new Visitor(app);
    const runId = await v.start("docs-assistant", question("Will this work?"));
    const events = await v.stream(runId);
    assertEquals(events.filter((e) => e.event === "retrying").length, 2);
    const last = events.at(-1)!;
    assertEquals(last.event, "error");
    assertEquals(last.data.code, "provider_unavailable");
    assertStringIncludes(last.data.message, "The AI provider failed");
    const record = await v.run(runId);
    assertEquals(record.status, "failed");
    assertEquals(record.attempts, 3);
    const dead = await listDeadLetters(app.services.kv);
    const letter = dead.find((d) => d.runId === runId);
    assertEquals(letter?.attempts, 3);
    assertEquals(letter?.code, "provider_unavailable");
  });

  test("cancel stops a streaming run at once and closes the provider connection", async () => {
    const parts = Array.from({ length: 60 }, (_, i) => `word${i} `);
    fake.script({ kind: "stream", chunks: textChunks(parts), delayMs: 50 });
    const abortedBefore = fake.aborted;
    const v = new Visitor(app);
    const runId = await v.start("docs-assistant", question("Long answer please"));
    const res = await v.fetch(`/api/runs/${runId}/stream`);
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = "";
    while (!text.includes("event: token")) text += (await reader.read()).value ?? "";
    const cancelled = await v.fetch(`/api/runs/${runId}/cancel`, { method: "POST" });
    assertEquals(cancelled.status, 202);
    await cancelled.body?.cancel();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      text += value;
    }
    assertStringIncludes(text, '"status":"cancelled"');
    const record = await v.run(runId);
    assertEquals(record.status, "cancelled");
    assert(record.output.length < parts.join("").length, "stopped before the end");
    for (let i = 0; i < 600 && fake.aborted === abortedBefore; i++) {
      await new Promise((r) => setTimeout(r, 50));
    }
    assertEquals(fake.aborted, abortedBefore + 1, "the provider request was aborted");
  });

  test("at most AGENT_CONCURRENCY runs execute at once on an instance; the rest wait", async () => {
    const parts = Array.from({ length: 12 }, (_, i) => `p${i} `);
    for (let i = 0; i < 5; i++) {
      fake.script({ kind: "stream", chunks: textChunks(parts), delayMs: 60 });
    }
    const v = new Visitor(app);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push(await v.start("docs-assistant", question(`Parallel ${i}?`)));
    }
    let peak = 0;
    const watching = (async () => {
      for (;;) {
        const runs = await Promise.all(ids.map((id) => getRun(app.services.kv, id)));
        peak = Math.max(peak, runs.filter((r) => r?.status === "running").length);
        if (runs.every((r) => r && ["succeeded", "failed", "cancelled"].includes(r.status))) return;
        await new Promise((r) => setTimeout(r, 10));
      }
    })();
    const results = await Promise.all(ids.map((id) => v.stream(id)));
    await watching;
    assert(results.every((e) => e.at(-1)!.event === "done"), "every run finished");
    assertEquals(peak, 2);
  });

  test("stops the app and the fake provider", async () => {
    await app.stop();
    await fake.close();
  });
}
