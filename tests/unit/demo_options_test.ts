/**
 * What the live demo is given about the agents: a sample fills every field the form shows and
 * nothing else, so no hidden value of a sample (a customer's name, a company) can ride along
 * into a run the visitor writes.
 */
import { assert, assertEquals } from "../support/assert.ts";
import { demoAgents } from "../../lib/agents/demo_options.ts";
import { agentById } from "../../lib/agents/registry.ts";

Deno.test("every sample has exactly the form's fields, empty where the sample has none", () => {
  for (const a of demoAgents()) {
    const names = a.fields.map((f) => f.name).sort();
    for (const s of a.samples) {
      assertEquals(Object.keys(s.input).sort(), names, `${a.id} / ${s.label}`);
    }
  }
});

Deno.test("the triage sample's customer name is a visible field, cleared by a sample without one", () => {
  const triage = demoAgents().find((a) => a.id === "support-triage")!;
  assert(triage.fields.some((f) => f.name === "customerName"));
  const named = triage.samples.find((s) => s.input.customerName === "Sam");
  const unnamed = triage.samples.find((s) => s.input.customerName === "");
  assert(named && unnamed, "one sample with a name and one without");
  const lead = demoAgents().find((a) => a.id === "lead-qualifier")!;
  assert(lead.samples.some((s) => s.input.company === ""), "a lead sample clears the company");
  assert(
    agentById("support-triage")!.input.safeParse({ body: "A ticket with no name at all." })
      .success,
  );
});
