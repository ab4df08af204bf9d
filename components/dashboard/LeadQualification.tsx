/**
 * The lead page's qualification section: the fit with its reasons and firmographics once the
 * lead-qualifier agent has run, or where the job stands (queued, failed with why), with a button
 * to queue it again.
 */
import { Fragment } from "preact";
import { Time } from "../auth/Time.tsx";
import type { Lead } from "../../lib/dashboard/leads.ts";
import { fitLabel } from "./LeadFit.tsx";

const FACTS: [string, string][] = [
  ["industry", "Industry"],
  ["employees", "Employees"],
  ["location", "Location"],
  ["region", "Region"],
  ["funding", "Funding"],
];

function factText(value: unknown): string {
  if (value === null || value === undefined || value === "") return "not stated";
  if (Array.isArray(value)) return value.length ? value.join(", ") : "none mentioned";
  if (typeof value === "object") {
    const m = value as { amount?: number; currency?: string };
    return m.amount !== undefined ? `${m.amount.toLocaleString("en-US")} ${m.currency ?? ""}` : "";
  }
  return String(value);
}

/** The qualification of `lead`. */
export function LeadQualification({ lead }: { lead: Lead }) {
  const facts = lead.firmographics;
  return (
    <section class="card" data-qualification-section aria-labelledby="fit-title">
      <h2 id="fit-title">Fit</h2>
      <p data-fit-summary>
        <strong data-fit={lead.fitScore ?? ""}>{fitLabel(lead)}</strong>
        {lead.qualifiedAt && (
          <>
            {" "}(qualified <Time at={lead.qualifiedAt} />)
          </>
        )}
      </p>
      {lead.qualificationStatus === "failed" && (
        <p data-qualification-error>Why: {lead.qualificationError ?? "unknown error"}</p>
      )}
      {lead.fitReasons.length > 0 && (
        <>
          <h3>Reasons</h3>
          <ul data-fit-reasons>
            {lead.fitReasons.map((r, i) => <li key={i}>{r}</li>)}
          </ul>
        </>
      )}
      {facts && (
        <>
          <h3>Firmographics</h3>
          <dl class="facts" data-firmographics>
            {FACTS.map(([k, label]) => (
              <Fragment key={k}>
                <dt>{label}</dt>
                <dd>{factText(facts[k])}</dd>
              </Fragment>
            ))}
            <dt>Revenue</dt>
            <dd>{factText(facts.revenue)}</dd>
            <dt>Tools</dt>
            <dd>{factText(facts.tools)}</dd>
          </dl>
        </>
      )}
      {!lead.held && (
        <form method="post">
          <input type="hidden" name="action" value="qualify" />
          <button type="submit" class="secondary">
            {lead.qualificationStatus === null ? "Qualify now" : "Qualify again"}
          </button>
        </form>
      )}
    </section>
  );
}
