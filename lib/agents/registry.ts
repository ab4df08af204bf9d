/** Every agent, by id, in the order the demo lists them. */
import { docsAssistant } from "./definitions/docs_assistant.ts";
import { leadQualifier } from "./definitions/lead_qualifier.ts";
import { supportTriage } from "./definitions/support_triage.ts";
import type { AgentDefinition } from "./types.ts";

/** The agents. */
export const agents = [docsAssistant, leadQualifier, supportTriage] as unknown as AgentDefinition[];

/** The agent with this id, or undefined. */
export function agentById(id: string): AgentDefinition | undefined {
  return agents.find((a) => a.id === id);
}
