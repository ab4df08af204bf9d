/**
 * The recorded examples the demos show are what the agents produce now: every sample input is
 * run again through the offline engine and compared with the shipped transcript
 * (content/examples/*.json), ids normalised.
 */
import { h } from "preact";
import { renderToString } from "preact-render-to-string";
import { assert, assertEquals } from "../support/assert.ts";
import { DemoSlot } from "../../components/DemoSlot.tsx";
import { agents } from "../../lib/agents/registry.ts";
import {
  type AgentTranscripts,
  examplesFile,
  RECORD_COMMAND,
  recordAgent,
  recordingSettings,
} from "../../lib/examples/record.ts";
import { recordedExamples, shippedTranscripts } from "../../lib/examples/recorded.ts";

const settings = await recordingSettings();

/** The first difference between two JSON values, as a path and both sides. */
function firstDifference(a: unknown, b: unknown, path = ""): string | null {
  if (JSON.stringify(a) === JSON.stringify(b)) return null;
  if (a && b && typeof a === "object" && typeof b === "object") {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const d = firstDifference(
        (a as Record<string, unknown>)[k],
        (b as Record<string, unknown>)[k],
        `${path}/${k}`,
      );
      if (d) return d;
    }
  }
  return `${path || "/"}: shipped ${JSON.stringify(a)?.slice(0, 200)}, now ${
    JSON.stringify(b)?.slice(0, 200)
  }`;
}

for (const agent of agents) {
  Deno.test(`${agent.id}: the shipped transcripts are what the agent produces now`, async () => {
    const file = examplesFile(agent.id);
    const shipped = JSON.parse(await Deno.readTextFile(file)) as AgentTranscripts;
    const now = await recordAgent(agent, settings);
    const diff = firstDifference(shipped, now);
    assert(
      diff === null,
      `content/examples/${agent.id}.json is out of date (${diff}). Run ${RECORD_COMMAND}`,
    );
    assertEquals(
      shipped.examples.map((e) => e.label),
      agent.samples.map((s) => s.label),
      `one transcript per sample; run ${RECORD_COMMAND}`,
    );
  });
}

Deno.test("a transcript holds the real run: tool calls with results, tokens and usage", () => {
  for (const agent of agents) {
    assert(
      shippedTranscripts[agent.id],
      `${agent.id} has no transcripts shipped: run ${RECORD_COMMAND} and import its file in lib/examples/recorded.ts`,
    );
    for (const t of shippedTranscripts[agent.id].examples) {
      const calls = t.events.filter((e) => e.type === "tool_call");
      const results = t.events.filter((e) => e.type === "tool_result");
      assert(calls.length > 0, `${agent.id}/${t.label}: tool calls`);
      assertEquals(results.map((r) => r.data.id), calls.map((c) => c.data.id));
      for (const c of calls) {
        assert(agent.tools.some((tool) => tool.name === c.data.name), `${c.data.name} exists`);
      }
      const text = t.events.filter((e) => e.type === "token").map((e) => e.data.text).join("");
      assertEquals(text, t.output, "the streamed tokens make up the answer");
      assert(t.usage.tokensIn > 0 && t.usage.tokensOut > 0, "usage recorded");
    }
  }
});

Deno.test("the demo shows each agent's first recorded transcript, replayed", () => {
  const views = recordedExamples(agents.map((a) => a.id));
  for (const agent of agents) {
    const t = shippedTranscripts[agent.id].examples[0];
    const view = views[agent.id];
    assertEquals(view.label, agent.samples[0].label);
    assertEquals(view.output, t.output);
    assertEquals(
      view.steps.map((s) => s.name),
      t.events.filter((e) => e.type === "tool_call").map((e) => e.data.name),
    );
    assertEquals([view.tokensIn, view.tokensOut], [t.usage.tokensIn, t.usage.tokensOut]);
  }
});

Deno.test("each Solutions page's demo ships its agent's recorded transcript", () => {
  for (const agent of agents) {
    const html = renderToString(h(DemoSlot, { agent: agent.id, title: "Try", intro: "Try it" }));
    const first = shippedTranscripts[agent.id].examples[0];
    assert(html.includes(`Recorded example: ${first.label}`), `${agent.id}: recorded label`);
    const line = first.output.split("\n")[0].replaceAll("&", "&amp;").replaceAll('"', "&quot;");
    assert(html.includes(line.slice(0, 30)), `${agent.id}: the recorded answer is on the page`);
  }
});
