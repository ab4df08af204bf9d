/**
 * Runs the lead-qualifier agent on one lead (the OpenAI-compatible provider with a key, else the
 * offline engine) and keeps what its tools returned: the fit score with its reasons, the
 * firmographics, and the company page it read (cited among the reasons).
 */
import { leadQualifier, pageReason } from "../agents/definitions/lead_qualifier.ts";
import { runOffline } from "../agents/providers/offline.ts";
import { providerOf } from "../agents/providers/select.ts";
import { openAiProviderFor } from "../agents/runs/execute.ts";
import type { Firmographics } from "../agents/tools/extract_firmographics.ts";
import type { CompanyPage } from "../agents/tools/fetch_company_page.ts";
import type { FitScore } from "../agents/tools/score_icp_fit.ts";
import type { AgentDefinition, ProviderSink, ToolEnv } from "../agents/types.ts";
import { searchDocs } from "../docs/search.ts";
import type { Services } from "../services.ts";

/** The lead fields the qualifier reads. */
export interface QualifierLead {
  company: string | null;
  message: string | null;
  website: string | null;
}

/** A qualified lead: score, verdict, reasons (the page cited first), firmographics. */
export interface Qualification {
  score: number;
  verdict: FitScore["verdict"];
  reasons: string[];
  firmographics: Firmographics | null;
}

/** Longest a qualification may take before it counts as failed. */
const QUALIFY_TIMEOUT_MS = 120_000;

/** Qualifies `lead`; throws with a message fit for the dashboard when the agent gives no score. */
export async function runQualifier(
  services: Services,
  lead: QualifierLead,
): Promise<Qualification> {
  const input = {
    text: lead.message ?? "",
    ...(lead.company ? { company: lead.company } : {}),
    ...(lead.website ? { website: lead.website } : {}),
  };
  const found: { fit?: FitScore; facts?: Firmographics; page?: CompanyPage } = {};
  const sink: ProviderSink = {
    token: () => Promise.resolve(),
    toolCall: () => Promise.resolve(),
    toolResult: ({ name, result, error }) => {
      if (error || result == null) return Promise.resolve();
      if (name === "score_icp_fit") found.fit = result as FitScore;
      if (name === "extract_firmographics") found.facts = result as Firmographics;
      if (name === "fetch_company_page") found.page = result as CompanyPage;
      return Promise.resolve();
    },
    usage: () => Promise.resolve(),
  };
  const env: ToolEnv = {
    settings: services.settings,
    searchDocs,
    signal: AbortSignal.any([services.shutdown, AbortSignal.timeout(QUALIFY_TIMEOUT_MS)]),
  };
  const agent = leadQualifier as unknown as AgentDefinition;
  if (providerOf(services.settings).provider === "openai") {
    await (await openAiProviderFor(services)).run(agent, input, env, sink);
  } else {
    await runOffline(agent, input, env, sink, { chunkDelayMs: 0 });
  }
  if (!found.fit) throw new Error("The agent finished without scoring the lead.");
  return {
    score: found.fit.score,
    verdict: found.fit.verdict,
    reasons: [...(found.page ? [pageReason(found.page)] : []), ...found.fit.reasons],
    firmographics: found.facts ?? null,
  };
}
