/**
 * Multi-step tool use through the real `openai` client against the loopback fake: a scripted
 * "model" that reads each tool result from the conversation it is sent and builds its next tool
 * call from it, so every step depends on what the previous one returned. The lead qualifier's
 * three tools run for real (gazetteer, scoring against the ICP settings, the email template).
 */
import { assert, assertEquals, assertStringIncludes } from "../support/assert.ts";
import {
  type FakeRequest,
  startFakeOpenAi,
  textChunks,
  toolCallChunks,
} from "../support/fake_openai.ts";
import { loadSettings } from "../../lib/config.ts";
import { searchDocs } from "../../lib/docs/search.ts";
import { leadQualifier } from "../../lib/agents/definitions/lead_qualifier.ts";
import { CircuitBreaker } from "../../lib/agents/providers/breaker.ts";
import { OpenAiProvider } from "../../lib/agents/providers/openai.ts";
import type { AgentDefinition, ProviderSink } from "../../lib/agents/types.ts";

const settings = await loadSettings({ DENO_ENV: "test" });
const agent = leadQualifier as unknown as AgentDefinition;
const input = {
  text:
    "We're a 400-person freight forwarding business based in Rotterdam and want to automate our customer service inbox.",
};

/** The last tool result in the conversation the client sent (the outcome's `result`). */
// deno-lint-ignore no-explicit-any
function lastToolResult(req: FakeRequest): any {
  // deno-lint-ignore no-explicit-any
  const tool = req.body.messages.findLast((m: any) => m.role === "tool");
  return tool ? JSON.parse(tool.content).result : null;
}

/** A "model" that chains the three tools, each call built from the previous result. */
function chainingModel(req: FakeRequest) {
  // deno-lint-ignore no-explicit-any
  const done = req.body.messages.filter((m: any) => m.role === "tool").length;
  const prev = lastToolResult(req);
  const call = (id: string, name: string, args: unknown) => ({
    kind: "stream" as const,
    chunks: toolCallChunks(id, name, [JSON.stringify(args)], {
      prompt_tokens: 100 * (done + 1),
      completion_tokens: 10,
    }),
  });
  if (done === 0) return call("call_1", "extract_firmographics", { text: input.text });
  if (done === 1) {
    return call("call_2", "score_icp_fit", {
      industry: prev.industry,
      employees: prev.employees,
      region: prev.region,
      signals: prev.signals,
    });
  }
  if (done === 2) {
    return call("call_3", "draft_follow_up", { verdict: prev.verdict, unknowns: prev.unknowns });
  }
  return {
    kind: "stream" as const,
    chunks: textChunks([`Drafted: ${prev.subject}`], { prompt_tokens: 500, completion_tokens: 8 }),
  };
}

Deno.test("each tool call is built from the previous tool's result, over four model steps", async () => {
  const fake = startFakeOpenAi();
  fake.fallback = chainingModel;
  const kv = await Deno.openKv(":memory:");
  try {
    const provider = new OpenAiProvider({
      apiKey: "sk-test",
      baseURL: fake.baseURL,
      model: "gpt-4o-mini",
      timeoutMs: 5_000,
      maxRetries: 0,
      breaker: new CircuitBreaker(kv, "openai:multistep"),
    });
    const calls: { name: string; arguments: Record<string, unknown> }[] = [];
    const results: unknown[] = [];
    const sink: ProviderSink = {
      token: () => Promise.resolve(),
      toolCall: (c) => Promise.resolve(void calls.push(c)),
      toolResult: (r) => Promise.resolve(void results.push(r.result)),
      usage: () => Promise.resolve(),
    };
    const env = { settings, searchDocs, signal: new AbortController().signal };
    const out = await provider.run(agent, input, env, sink);

    assertEquals(calls.map((c) => c.name), [
      "extract_firmographics",
      "score_icp_fit",
      "draft_follow_up",
    ]);
    const facts = results[0] as Record<string, unknown>;
    assertEquals([facts.employees, facts.location, facts.region], [400, "Rotterdam", "europe"]);
    assertEquals(calls[1].arguments.region, "europe", "step 2 used step 1's region");
    assertEquals(calls[1].arguments.employees, 400, "step 2 used step 1's head count");
    const fit = results[1] as { verdict: string; score: number };
    assertEquals(calls[2].arguments.verdict, fit.verdict, "step 3 used step 2's verdict");
    assertEquals(fit.verdict, "strong fit");
    const email = results[2] as { subject: string };
    assertEquals(out.output, `Drafted: ${email.subject}`, "the answer used step 3's result");
    assertStringIncludes(email.subject, "Relay");

    assertEquals(fake.requests.length, 4);
    const tools = (i: number) =>
      // deno-lint-ignore no-explicit-any
      fake.requests[i].body.messages.filter((m: any) => m.role === "tool").length;
    assertEquals([0, 1, 2, 3].map(tools), [0, 1, 2, 3], "each step sees every earlier result");
    assert(
      fake.requests.every((r) => r.body.tools.length === agent.tools.length),
      "every step offers the agent's tools",
    );
    assertEquals(out.usage, { tokensIn: 100 + 200 + 300 + 500, tokensOut: 38 });
  } finally {
    kv.close();
    await fake.close();
  }
});
