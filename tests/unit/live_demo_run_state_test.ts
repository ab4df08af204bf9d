import { assert, assertEquals } from "../support/assert.ts";
import { applyRunEvent, EMPTY_RUN, type RunView } from "../../lib/live_demo/run_state.ts";

function replay(events: [string, unknown][]): RunView[] {
  const views: RunView[] = [];
  let v = EMPTY_RUN;
  events.forEach(([type, data], i) => views.push(v = applyRunEvent(v, i + 1, type, data)));
  return views;
}

Deno.test("steps and text are kept in the order they happened, with arguments and results", () => {
  const views = replay([
    ["started", { attempt: 1, providerLabel: "OpenAI", model: "gpt-4o-mini", promptTokens: 100 }],
    ["token", { text: "Let me look. " }],
    ["tool_call", { id: "a", name: "search_docs", arguments: { query: "secrets" } }],
    ["tool_result", { id: "a", name: "search_docs", result: { results: [{ title: "S" }] } }],
    ["token", { text: "Rotate it " }],
    ["token", { text: "with the CLI." }],
  ]);
  const v = views.at(-1)!;
  assertEquals(v.parts, ["Let me look. ", 0, "Rotate it with the CLI."]);
  assertEquals(v.steps[0].arguments, { query: "secrets" });
  assertEquals(v.steps[0].result, { results: [{ title: "S" }] });
  assertEquals(v.steps[0].status, "done");
  assertEquals(views[2].steps[0].status, "running");
});

Deno.test("the meter estimates while streaming and takes the provider's usage at the end", () => {
  const views = replay([
    ["started", { attempt: 1, providerLabel: "OpenAI", model: "gpt-4o-mini", promptTokens: 100 }],
    ["tool_call", { id: "a", name: "search_docs", arguments: {} }],
    ["tool_result", { id: "a", name: "search_docs", result: { text: "x".repeat(400) } }],
    ["token", { text: "one two three " }],
    ["token", { text: "four five six seven eight nine ten" }],
    ["usage", { tokensIn: 321, tokensOut: 12, costUsd: 0.000055 }],
    ["done", {
      status: "succeeded",
      output: "one two three four five six seven eight nine ten",
      tokensIn: 321,
      tokensOut: 12,
      costUsd: 0.000055,
      durationMs: 10,
    }],
  ]);
  const outs = views.map((v) => v.tokensOut);
  assertEquals(views[0].tokensIn, 100);
  assert(views[2].tokensIn > 100, "tool results count as input");
  assert(outs[3] > 0 && outs[4] > outs[3], `output grows while streaming: ${outs}`);
  assert(!views[4].measured && views[4].costUsd > 0, "an estimated cost while streaming");
  assertEquals([views[6].tokensIn, views[6].tokensOut, views[6].costUsd], [321, 12, 0.000055]);
  assert(views[6].measured);
});

Deno.test("a retried attempt starts a fresh transcript", () => {
  const v = replay([
    ["started", { attempt: 1, providerLabel: "x", model: "offline" }],
    ["token", { text: "partial" }],
    ["started", { attempt: 2, providerLabel: "x", model: "offline" }],
    ["token", { text: "fresh" }],
  ]).at(-1)!;
  assertEquals(v.parts, ["fresh"]);
});
