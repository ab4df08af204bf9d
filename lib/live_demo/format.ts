/** Formatting for the LiveDemo island: cost, elapsed time, tool summaries. */

/** Dollars with enough digits to show small per-run costs ("$0.000420"). */
export function formatCost(usd: number): string {
  if (usd === 0) return "$0.00";
  return usd >= 0.01 ? `$${usd.toFixed(2)}` : `$${usd.toFixed(6)}`;
}

/** Seconds with one decimal ("3.4 s"). */
export function formatElapsed(ms: number): string {
  return `${(Math.max(0, ms) / 1000).toFixed(1)} s`;
}

/** A one-line summary of a tool call's arguments. */
export function summarizeArgs(name: string, args: Record<string, unknown>): string {
  if (name === "search_docs" && typeof args.query === "string") return `"${args.query}"`;
  if (name === "classify_ticket" && typeof args.subject === "string") return `"${args.subject}"`;
  if (name === "score_icp_fit") {
    return [args.industry, args.employees && `${args.employees} employees`, args.region]
      .filter(Boolean).join(", ");
  }
  if (name === "draft_follow_up" || name === "draft_reply") {
    return [args.company, args.category, args.verdict, args.priority].filter(Boolean).join(", ");
  }
  return "";
}

/** A one-line summary of a tool result. */
export function summarizeResult(name: string, result: unknown, error?: string): string {
  if (error) return `failed: ${error}`;
  const r = (result ?? {}) as Record<string, unknown>;
  switch (name) {
    case "search_docs": {
      const n = Array.isArray(r.results) ? r.results.length : 0;
      return `${n} section${n === 1 ? "" : "s"} found`;
    }
    case "extract_firmographics":
      return [r.company, r.industry, r.employees && `${r.employees} employees`, r.location]
        .filter(Boolean).join(" · ") || "no firmographics found";
    case "score_icp_fit":
      return `${r.score}/100, ${r.verdict}`;
    case "classify_ticket":
      return `${r.category}, ${r.priority} priority, ${r.sentiment}`;
    case "draft_follow_up":
      return `email drafted: "${r.subject}"`;
    case "draft_reply":
      return "reply drafted";
    default:
      return "done";
  }
}
