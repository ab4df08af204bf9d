/**
 * Triage of one ticket by the support-triage agent, on the engine new runs use (the
 * OpenAI-compatible provider with a key, else the offline engine). What the ticket stores comes
 * from the agent's own tool results: `classify_ticket` (category, priority, sentiment),
 * `search_docs` (the docs it cites) and `draft_reply`. A model that skipped `classify_ticket`
 * gets it run on the ticket; one that skipped `draft_reply` leaves its answer as the draft.
 */
import { docsForCustomer, supportTriage } from "../agents/definitions/support_triage.ts";
import { runHeadless } from "../agents/runs/headless.ts";
import { classifyTicket, type TicketClassification } from "../agents/tools/classify_ticket.ts";
import type { DocCitation } from "../agents/tools/search_docs.ts";
import type { AgentDefinition, Usage } from "../agents/types.ts";
import type { Services } from "../services.ts";

/** What triage found for a ticket. */
export interface TriageResult {
  classification: TicketClassification;
  docs: { title: string; section: string; url: string }[];
  reply: string;
  provider: string;
  model: string;
  usage: Usage;
}

/** The agent's input for a ticket. */
export interface TicketText {
  customerName: string | null;
  subject: string | null;
  body: string;
}

/** Runs the support-triage agent on a ticket; throws when the engine fails. */
export async function triageTicket(services: Services, t: TicketText): Promise<TriageResult> {
  const input = {
    ...(t.customerName ? { customerName: t.customerName } : {}),
    ...(t.subject ? { subject: t.subject } : {}),
    body: t.body,
  };
  const out = await runHeadless(
    services,
    supportTriage as unknown as AgentDefinition,
    input,
    AbortSignal.timeout(services.settings.openaiTimeoutMs * 3),
  );
  const { results, provider } = out;
  const classification = (results.get("classify_ticket") as TicketClassification | undefined) ??
    await classifyTicket(t.subject ?? undefined, t.body);
  const found = (results.get("search_docs") as { results: DocCitation[] } | undefined)?.results ??
    [];
  const reply = (results.get("draft_reply") as { reply: string } | undefined)?.reply ?? out.output;
  return {
    classification,
    docs: docsForCustomer(found).map((d) => ({ title: d.title, section: d.section, url: d.url })),
    reply,
    provider,
    model: out.model,
    usage: out.usage,
  };
}
