/**
 * Grades traces against the expected fields of each case: the same rules for the offline
 * engine and for a model, reading only tool results and the answer text.
 */
import type { DocsCase } from "./cases/docs_cases.ts";
import type { LeadCase } from "./cases/lead_cases.ts";
import type { TriageCase } from "./cases/triage_cases.ts";
import type { Trace } from "./engine.ts";

/** One field check: its name, whether it passed, and what was found. */
export interface Check {
  field: string;
  ok: boolean;
  got: string;
}

/** Docs URLs an answer cites (Markdown links or bare paths), in order, without repeats. */
export function citedUrls(output: string): string[] {
  return [...new Set(output.match(/\/docs\/[a-z0-9][a-z0-9\-/]*(?:#[a-z0-9\-]+)?/g) ?? [])];
}

/** True when `url` is the expected page or section (a page entry also takes its sections). */
export function urlMatches(url: string, expected: string): boolean {
  return expected.includes("#") ? url.startsWith(expected) : url.split("#")[0] === expected;
}

const DECLINE =
  /not (?:in|covered (?:in|by)) the docs|(?:could|can)(?:n't| ?not) find|(?:do(?:es)?n't|do(?:es)? not) (?:cover|mention|say)|no (?:information|mention)/i;

/** Checks of a docs assistant answer. */
export function gradeDocs(c: DocsCase, t: Trace): Check[] {
  const urls = citedUrls(t.output);
  const declined = DECLINE.test(t.output) || urls.length === 0;
  const checks: Check[] = [{
    field: "covered or not",
    ok: declined === (c.cites === null),
    got: declined ? "declined" : "answered",
  }];
  if (c.cites) {
    checks.push({
      field: "cites the section",
      ok: !declined && urls.slice(0, 3).some((u) => c.cites!.some((e) => urlMatches(u, e))),
      got: urls.slice(0, 3).join(" ") || "no citation",
    });
  }
  return checks;
}

function lastResult(t: Trace, name: string): Record<string, unknown> {
  const call = t.calls.findLast((c) => c.name === name);
  return (call?.result ?? {}) as Record<string, unknown>;
}

/** The employee band of a head count. */
export function sizeBand(employees: unknown): string | null {
  if (typeof employees !== "number") return null;
  if (employees < 50) return "1-49";
  if (employees < 250) return "50-249";
  if (employees < 1000) return "250-999";
  if (employees < 5000) return "1000-4999";
  return "5000+";
}

const fold = (s: unknown) =>
  typeof s === "string" ? s.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase() : s;

/** Checks of a lead qualifier run. */
export function gradeLead(c: LeadCase, t: Trace): Check[] {
  const facts = lastResult(t, "extract_firmographics");
  const fit = lastResult(t, "score_icp_fit");
  const e = c.expect;
  const size = sizeBand(facts.employees);
  const location = (facts.location ?? null) as string | null;
  const industry = (facts.industry ?? null) as string | null;
  const checks: Check[] = [
    { field: "size band", ok: size === e.size, got: `${size} (${facts.employees})` },
    { field: "region", ok: (fold(facts.region) ?? null) === e.region, got: `${facts.region}` },
    {
      field: "location",
      ok: e.location === null
        ? location === null
        : e.location.some((l) => fold(l) === fold(location)),
      got: `${location}`,
    },
    {
      field: "industry",
      ok: e.industry === null ? industry === null : e.industry.includes(`${fold(industry)}`),
      got: `${industry}`,
    },
    { field: "fit", ok: fit.verdict === e.verdict, got: `${fit.verdict} (${fit.score})` },
  ];
  if (e.revenue !== undefined) {
    const r = facts.revenue as { amount: number; currency: string } | null | undefined;
    checks.push({
      field: "revenue",
      ok: e.revenue === null ? !r : !!r && r.currency === e.revenue.currency &&
        Math.abs(r.amount - e.revenue.amount) <= e.revenue.amount * 0.01,
      got: r ? `${r.amount} ${r.currency}` : "none",
    });
  }
  return checks;
}

/** Checks of a support triage run. */
export function gradeTriage(c: TriageCase, t: Trace): Check[] {
  const k = lastResult(t, "classify_ticket");
  const checks: Check[] = [
    { field: "category", ok: c.expect.category.includes(`${k.category}`), got: `${k.category}` },
    { field: "priority", ok: c.expect.priority.includes(`${k.priority}`), got: `${k.priority}` },
    {
      field: "sentiment",
      ok: c.expect.sentiment.includes(`${k.sentiment}`),
      got: `${k.sentiment}`,
    },
  ];
  if (c.expect.docs) {
    const urls = citedUrls(t.output).slice(0, 3);
    checks.push({
      field: "helpful doc",
      ok: urls.some((u) => c.expect.docs!.some((e) => urlMatches(u, e))),
      got: urls.join(" ") || "none",
    });
  }
  return checks;
}
