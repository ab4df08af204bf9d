/** What the LiveDemo island is given about the agents (server side; the island gets JSON). */
import type { DemoAgent } from "../live_demo/types.ts";
import { agents } from "./registry.ts";

/** Every agent as the demo offers it: form fields and one-click samples. */
export function demoAgents(): DemoAgent[] {
  return agents.map((a) => ({
    id: a.id,
    title: a.title,
    description: a.description,
    fields: a.fields,
    samples: a.samples.map((s) => ({
      label: s.label,
      input: Object.fromEntries(
        Object.entries(s.input).filter(([, v]) => typeof v === "string"),
      ) as Record<string, string>,
    })),
  }));
}
