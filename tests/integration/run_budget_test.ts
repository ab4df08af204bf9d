import { assert, assertEquals, assertStringIncludes } from "../support/assert.ts";
import { startTestApp, type TestApp } from "../support/app.ts";
import {
  type FakeOpenAi,
  type FakeRequest,
  startFakeOpenAi,
  toolCallChunks,
} from "../support/fake_openai.ts";
import { createMember } from "../support/members.ts";
import { Visitor } from "../support/runs.ts";
import { promptTokens } from "../../lib/agents/providers/openai.ts";
import { MAX_OUTPUT_TOKENS_PER_CALL } from "../../lib/agents/tokens.ts";
import { limitsFor } from "../../lib/plans.ts";
import { periodsOf, quotaUsage } from "../../lib/security/quotas.ts";
import { quotaKey } from "../../kv/keys.ts";

let fake: FakeOpenAi;
let app: TestApp;
const test = (name: string, fn: () => Promise<void>) =>
  Deno.test({ name, sanitizeOps: false, sanitizeResources: false, fn });

/**
 * A model that always calls a tool again and writes every output token it is allowed: without
 * `max_tokens` it writes 800, as a real model answering at length would. The prompt it reports
 * is the size of the request it received.
 */
function greedyToolCaller(req: FakeRequest) {
  const completion = req.body.max_tokens ?? 800;
  return {
    kind: "stream" as const,
    chunks: toolCallChunks(`call_${fake.requests.length}`, "search_docs", ['{"query":"deploy"}'], {
      prompt_tokens: promptTokens(req.body.messages, req.body.tools),
      completion_tokens: completion,
    }),
  };
}

async function workspaceNearCeiling(email: string, metric: "tokens" | "cost_usd", left: number) {
  const member = await createMember(app.services, app.url, email, email.split("@")[0]);
  const free = limitsFor("free");
  const limit = metric === "tokens"
    ? free.tokensPerMonth!
    : Math.round(free.costCeilingUsdPerMonth! * 1_000_000);
  const key = quotaKey(member.workspace.id, metric, periodsOf().month);
  await app.services.kv.set(key, limit - left);
  const visitor = new Visitor(app);
  visitor.cookie = member.cookie;
  return { member, visitor };
}

async function waitForEnd(v: Visitor, runId: string) {
  for (let i = 0; i < 200; i++) {
    const run = await v.run(runId);
    if (["succeeded", "failed", "cancelled"].includes(run.status)) return run;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`run ${runId} did not end`);
}

test("starts a fake provider whose model never stops calling tools", async () => {
  fake = startFakeOpenAi();
  fake.fallback = greedyToolCaller;
  app = await startTestApp({
    env: {
      OPENAI_API_KEY: "sk-test-key",
      OPENAI_BASE_URL: fake.baseURL,
      OPENAI_MODEL: "gpt-4o",
      OPENAI_MAX_RETRIES: "0",
      OPENAI_TIMEOUT_MS: "5000",
      AGENT_MAX_ATTEMPTS: "1",
      TRUSTED_PROXY: "true",
    },
  });
});

test("every provider call carries max_tokens, and a workspace near its token quota stays under it", async () => {
  const left = 3_000;
  const { member, visitor } = await workspaceNearCeiling("tokens@example.com", "tokens", left);
  const before = fake.requests.length;
  const runId = await visitor.start("docs-assistant", { question: "How do I deploy?" });
  const events = await visitor.stream(runId);
  const run = await waitForEnd(visitor, runId);
  const calls = fake.requests.slice(before).map((r) => r.body.max_tokens);

  assert(calls.length >= 1 && calls.length < 6, `calls: ${calls}`);
  assertEquals(calls[0], MAX_OUTPUT_TOKENS_PER_CALL, "room for a full answer on the first call");
  for (const cap of calls) assert(Number.isInteger(cap) && cap > 0 && cap <= 800, `${calls}`);

  assertEquals(run.status, "failed");
  assertEquals(run.error.code, "quota_exhausted");
  assertStringIncludes(run.error.message, "monthly token quota");
  const error = events.find((e) => e.event === "error");
  assertEquals(error?.data.code, "quota_exhausted", "the visitor sees why the run stopped");

  const tokens = (await quotaUsage(app.services, member.workspace.id)).metrics
    .find((m) => m.metric === "tokens")!;
  assert(tokens.used <= tokens.limit!, `used ${tokens.used} of ${tokens.limit}`);
  assertEquals(tokens.used, tokens.limit! - left + run.tokensIn + run.tokensOut);
});

test("a workspace near its cost ceiling: the last call is cut to what the ceiling leaves", async () => {
  const leftMicros = 15_000; // $0.015: two calls of gpt-4o at most
  const { member, visitor } = await workspaceNearCeiling(
    "cost@example.com",
    "cost_usd",
    leftMicros,
  );
  const before = fake.requests.length;
  const runId = await visitor.start("docs-assistant", { question: "How do I deploy?" });
  const run = await waitForEnd(visitor, runId);
  const calls = fake.requests.slice(before).map((r) => r.body.max_tokens);

  assert(calls.length >= 2 && calls.length < 6, `calls: ${calls}`);
  assert(calls.at(-1) < MAX_OUTPUT_TOKENS_PER_CALL, `the last call is capped: ${calls}`);
  assertEquals(run.error?.code, "quota_exhausted");
  assertStringIncludes(run.error.message, "monthly spend ceiling");

  const cost = (await quotaUsage(app.services, member.workspace.id)).metrics
    .find((m) => m.metric === "cost_usd")!;
  assert(cost.used <= cost.limit!, `spent $${cost.used} of $${cost.limit}`);
});

test("stops the app and the fake", async () => {
  await app.stop();
  await fake.close();
});
