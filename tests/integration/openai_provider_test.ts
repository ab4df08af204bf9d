/**
 * The OpenAI-compatible provider against a fake server on 127.0.0.1, through the real `openai`
 * client: streaming, tool-call deltas and a tool round trip, usage, 429 then success, 500s until
 * the breaker opens, a hung response hitting the timeout, a stalled stream, a malformed chunk.
 */
import { assert, assertEquals, assertRejects, assertStringIncludes } from "../support/assert.ts";
import { startFakeOpenAi, textChunks, toolCallChunks } from "../support/fake_openai.ts";
import { loadSettings } from "../../lib/config.ts";
import { searchDocs } from "../../lib/docs/search.ts";
import { docsAssistant } from "../../lib/agents/definitions/docs_assistant.ts";
import { CircuitBreaker } from "../../lib/agents/providers/breaker.ts";
import { ProviderError } from "../../lib/agents/providers/errors.ts";
import { type OpenAiOptions, OpenAiProvider } from "../../lib/agents/providers/openai.ts";
import type { AgentDefinition, ProviderSink } from "../../lib/agents/types.ts";

const settings = await loadSettings({ DENO_ENV: "test" });
const agent = docsAssistant as unknown as AgentDefinition;
const input = { question: "How do I rotate a secret?" };

function recorder() {
  const events: { type: string; data: unknown }[] = [];
  const push = (type: string, data: unknown) => {
    events.push({ type, data });
    return Promise.resolve();
  };
  const sink: ProviderSink = {
    token: (text) => push("token", text),
    toolCall: (c) => push("tool_call", c),
    toolResult: (r) => push("tool_result", r),
    usage: (u) => push("usage", u),
  };
  return {
    events,
    sink,
    tokens: () => events.filter((e) => e.type === "token").map((e) => e.data),
  };
}

async function withFake(
  options: Partial<OpenAiOptions> & { breakerThreshold?: number },
  fn: (
    fake: ReturnType<typeof startFakeOpenAi>,
    provider: OpenAiProvider,
    kv: Deno.Kv,
  ) => Promise<void>,
) {
  const fake = startFakeOpenAi();
  const kv = await Deno.openKv(":memory:");
  const breaker = new CircuitBreaker(kv, "openai:test", {
    threshold: options.breakerThreshold ?? 5,
    windowMs: 60_000,
    cooldownMs: 60_000,
  });
  const provider = new OpenAiProvider({
    apiKey: "sk-test",
    baseURL: fake.baseURL,
    model: "gpt-4o-mini",
    timeoutMs: 2_000,
    maxRetries: 2,
    retryBaseMs: 20,
    breaker,
    ...options,
  });
  try {
    await fn(fake, provider, kv);
  } finally {
    kv.close();
    await fake.close();
  }
}

const env = (signal = new AbortController().signal) => ({ settings, searchDocs, signal });

Deno.test("streams tokens and reports the provider's usage", async () => {
  await withFake({}, async (fake, provider) => {
    fake.script({
      kind: "stream",
      chunks: textChunks(["Rotate ", "keys ", "newest first."], {
        prompt_tokens: 30,
        completion_tokens: 7,
      }),
    });
    const r = recorder();
    const result = await provider.run(agent, input, env(), r.sink);
    assertEquals(r.tokens(), ["Rotate ", "keys ", "newest first."]);
    assertEquals(result.output, "Rotate keys newest first.");
    assertEquals(result.usage, { tokensIn: 30, tokensOut: 7 });
    assertEquals(r.events.at(-1), { type: "usage", data: { tokensIn: 30, tokensOut: 7 } });
    const sent = fake.requests[0].body;
    assertEquals(sent.stream, true);
    assertEquals(sent.stream_options, { include_usage: true });
    assertEquals(sent.tools[0].function.name, "search_docs");
    assertEquals(sent.messages[0].role, "system");
  });
});

Deno.test("assembles streamed tool-call deltas, runs the tool and sends its result back", async () => {
  await withFake({}, async (fake, provider) => {
    fake.script(
      {
        kind: "stream",
        chunks: toolCallChunks("call_abc", "search_docs", ['{"que', 'ry": "rotate', ' a secret"}']),
      },
      {
        kind: "stream",
        chunks: textChunks(["See ", "[Operations](/docs/operations)."], {
          prompt_tokens: 200,
          completion_tokens: 9,
        }),
      },
    );
    const r = recorder();
    const result = await provider.run(agent, input, env(), r.sink);
    const call = r.events.find((e) => e.type === "tool_call")!.data;
    assertEquals(call, {
      id: "call_abc",
      name: "search_docs",
      arguments: { query: "rotate a secret" },
    });
    const res = r.events.find((e) => e.type === "tool_result")!.data as {
      result: { results: { url: string }[] };
    };
    assert(res.result.results.length > 0, "the real docs index answered");
    assertEquals(fake.requests.length, 2);
    const second = fake.requests[1].body.messages;
    assertEquals(second.at(-2).tool_calls[0].function.arguments, '{"query": "rotate a secret"}');
    assertEquals(second.at(-1).role, "tool");
    assertEquals(second.at(-1).tool_call_id, "call_abc");
    assertStringIncludes(second.at(-1).content, res.result.results[0].url);
    assertEquals(result.output, "See [Operations](/docs/operations).");
    assertEquals(result.usage, { tokensIn: 240, tokensOut: 21 });
  });
});

Deno.test("a 429 is retried after a jittered backoff and then succeeds", async () => {
  await withFake({}, async (fake, provider) => {
    fake.script(
      {
        kind: "status",
        status: 429,
        headers: { "retry-after": "0" },
        body: { error: { message: "slow down" } },
      },
      { kind: "stream", chunks: textChunks(["ok"]) },
    );
    const r = recorder();
    const result = await provider.run(agent, input, env(), r.sink);
    assertEquals(result.output, "ok");
    assertEquals(fake.requests.length, 2);
    assert(fake.requests[1].at >= fake.requests[0].at, "retried after the first");
  });
});

Deno.test("500s open the circuit breaker, which then fails fast without calling the provider", async () => {
  await withFake({ maxRetries: 1, breakerThreshold: 3 }, async (fake, provider, kv) => {
    fake.fallback = () => ({ kind: "status", status: 500 });
    const e1 = await assertRejects(
      () => provider.run(agent, input, env(), recorder().sink),
      ProviderError,
    );
    assertEquals((e1 as ProviderError).code, "provider_unavailable");
    assertEquals(fake.requests.length, 2, "one try and one retry");
    const e2 = await assertRejects(
      () => provider.run(agent, input, env(), recorder().sink),
      ProviderError,
    );
    assertEquals(
      (e2 as ProviderError).code,
      "circuit_open",
      "the third failure opened it mid-retry",
    );
    assertEquals(fake.requests.length, 3);
    const started = performance.now();
    const e3 = await assertRejects(
      () => provider.run(agent, input, env(), recorder().sink),
      ProviderError,
    );
    // Far below the 2 s request timeout and any retry backoff: nothing was waited for.
    assert(performance.now() - started < 1_500, "failed fast");
    assertEquals((e3 as ProviderError).code, "circuit_open");
    assertStringIncludes((e3 as ProviderError).message, "requests are paused");
    assertEquals(fake.requests.length, 3, "no request reached the provider while open");
    const shared = new CircuitBreaker(kv, "openai:test", {
      threshold: 3,
      windowMs: 60_000,
      cooldownMs: 60_000,
    });
    assertEquals(await shared.status(), "open", "another instance on the same KV sees it open");
  });
});

Deno.test("a hung response hits the timeout with a clear error", async () => {
  await withFake({ timeoutMs: 300, maxRetries: 0 }, async (fake, provider) => {
    fake.script({ kind: "hang" });
    const started = performance.now();
    const e = await assertRejects(
      () => provider.run(agent, input, env(), recorder().sink),
      ProviderError,
    );
    const took = performance.now() - started;
    assertEquals((e as ProviderError).code, "timeout");
    assertStringIncludes((e as ProviderError).message, "0.3 s");
    assert(took >= 280 && took < 10_000, `timed out after ${took} ms`);
  });
});

Deno.test("a stream that goes silent mid-answer times out without retrying what was streamed", async () => {
  await withFake({ timeoutMs: 300, maxRetries: 2 }, async (fake, provider) => {
    fake.script({ kind: "stream", chunks: textChunks(["Half ", "an ", "answer"]), stallAfter: 2 });
    const r = recorder();
    const e = await assertRejects(() => provider.run(agent, input, env(), r.sink), ProviderError);
    assertEquals((e as ProviderError).code, "timeout");
    assertEquals(r.tokens(), ["Half ", "an "]);
    assertEquals(fake.requests.length, 1, "no retry once tokens were streamed");
  });
});

Deno.test("a malformed chunk fails the run with a clear error", async () => {
  await withFake({}, async (fake, provider) => {
    const [first, ...rest] = textChunks(["Hello", " there"]);
    fake.script({ kind: "stream", chunks: [first, "{not json", ...rest] });
    const r = recorder();
    const e = await assertRejects(() => provider.run(agent, input, env(), r.sink), ProviderError);
    assertEquals((e as ProviderError).code, "malformed_response");
    assertEquals((e as ProviderError).message, "The AI provider sent a malformed response.");
    assertEquals(r.tokens(), ["Hello"]);
  });
});

Deno.test("cancelling stops the stream at once and closes the provider connection", async () => {
  await withFake({}, async (fake, provider) => {
    const parts = Array.from({ length: 40 }, (_, i) => `w${i} `);
    fake.script({ kind: "stream", chunks: textChunks(parts), delayMs: 50 });
    const controller = new AbortController();
    const r = recorder();
    const running = provider.run(agent, input, env(controller.signal), {
      ...r.sink,
      token: (t) => {
        if (r.tokens().length === 2) controller.abort(new Error("cancelled"));
        return r.sink.token(t);
      },
    });
    await assertRejects(() => running, Error, "cancelled");
    assert(r.tokens().length <= 4, `stopped early (${r.tokens().length} tokens)`);
    await new Promise((res) => setTimeout(res, 150));
    assertEquals(fake.aborted, 1);
  });
});
