/** What the LiveDemo island is given about the agents (server side; the island gets JSON). */
import type { DemoAgent } from "../live_demo/types.ts";
import { agents } from "./registry.ts";

/**
 * Every agent as the demo offers it: form fields and one-click samples. A sample carries a
 * value for every field the form shows (empty when the sample has none) and nothing else, so
 * choosing a sample replaces the whole form and no hidden value of one sample can reach a run
 * the visitor writes themselves.
 */
export function demoAgents(): DemoAgent[] {
  return agents.map((a) => ({
    id: a.id,
    title: a.title,
    description: a.description,
    fields: a.fields,
    samples: a.samples.map((s) => {
      const input = s.input as Record<string, unknown>;
      return {
        label: s.label,
        input: Object.fromEntries(
          a.fields.map((f) => [f.name, typeof input[f.name] === "string" ? input[f.name] : ""]),
        ) as Record<string, string>,
      };
    }),
  }));
}
