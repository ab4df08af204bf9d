/**
 * Runs the lead-qualifier agent on one lead (the OpenAI-compatible provider with a key, else the
 * offline engine) and keeps what its tools returned: the fit score with its reasons, the
 * firmographics, and the company page it read (cited among the reasons).
 */
import { leadQualifier, pageReason } from "../agents/definitions/lead_qualifier.ts";
import { runHeadless } from "../agents/runs/headless.ts";
import type { Firmographics } from "../agents/tools/extract_firmographics.ts";
import type { CompanyPage } from "../agents/tools/fetch_company_page.ts";
import type { FitScore } from "../agents/tools/score_icp_fit.ts";
import type { AgentDefinition } from "../agents/types.ts";
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
  const { results } = await runHeadless(
    services,
    leadQualifier as unknown as AgentDefinition,
    input,
    AbortSignal.any([services.shutdown, AbortSignal.timeout(QUALIFY_TIMEOUT_MS)]),
  );
  const found = {
    fit: results.get("score_icp_fit") as FitScore | undefined,
    facts: results.get("extract_firmographics") as Firmographics | undefined,
    page: results.get("fetch_company_page") as CompanyPage | undefined,
  };
  if (!found.fit) throw new Error("The agent finished without scoring the lead.");
  return {
    score: found.fit.score,
    verdict: found.fit.verdict,
    reasons: [...(found.page ? [pageReason(found.page)] : []), ...found.fit.reasons],
    firmographics: found.facts ?? null,
  };
}
