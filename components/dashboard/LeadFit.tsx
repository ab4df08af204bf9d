/** A lead's fit in a few words: the score and verdict, or where its qualification stands. */
import type { Lead } from "../../lib/dashboard/leads.ts";

/** What a lead's fit cell says. */
export function fitLabel(
  lead: Pick<Lead, "fitScore" | "fitVerdict" | "qualificationStatus" | "held">,
) {
  if (lead.fitScore !== null) return `${lead.fitScore}/100 ${lead.fitVerdict ?? ""}`.trim();
  if (lead.qualificationStatus === "failed") return "qualification failed";
  if (lead.qualificationStatus === "pending" || lead.qualificationStatus === "running") {
    return "not qualified yet (queued)";
  }
  return lead.held ? "not qualified yet (awaiting acceptance)" : "not qualified yet";
}

/** The fit of a lead, marked up for tests and styles (`data-fit` holds the score). */
export function LeadFit({ lead }: { lead: Lead }) {
  return (
    <span data-fit={lead.fitScore ?? ""} data-qualification={lead.qualificationStatus ?? "none"}>
      {fitLabel(lead)}
    </span>
  );
}
