import { z } from "zod";
import { type Handlers, HttpError } from "../../lib/framework/mod.ts";
import { logger } from "../../lib/telemetry/log.ts";
import "../../lib/state.ts";

/** A URL reduced to its origin and path (queries may hold tokens), or a CSP keyword. */
const where = z.string().max(4000).transform((v) => {
  if (!URL.canParse(v)) return v.slice(0, 40);
  const u = new URL(v);
  return u.protocol === "http:" || u.protocol === "https:"
    ? `${u.origin}${u.pathname}`
    : u.protocol;
});

const violation = z.object({
  documentURL: where.optional(),
  blockedURL: where.optional(),
  effectiveDirective: z.string().max(100).optional(),
  disposition: z.string().max(20).optional(),
  sourceFile: where.optional(),
  lineNumber: z.number().int().nonnegative().optional(),
});

/** `report-uri` format (`application/csp-report`). */
const legacyReport = z.object({
  "csp-report": z.object({
    "document-uri": where.optional(),
    "blocked-uri": where.optional(),
    "effective-directive": z.string().max(100).optional(),
    "violated-directive": z.string().max(200).optional(),
    disposition: z.string().max(20).optional(),
    "source-file": where.optional(),
    "line-number": z.number().int().nonnegative().optional(),
  }).transform((r) => ({
    documentURL: r["document-uri"],
    blockedURL: r["blocked-uri"],
    effectiveDirective: r["effective-directive"] ?? r["violated-directive"]?.split(" ")[0],
    disposition: r.disposition,
    sourceFile: r["source-file"],
    lineNumber: r["line-number"],
  })),
}).transform((r) => [r["csp-report"]]);

/** Reporting API format (`application/reports+json`): only CSP violations are kept. */
const reportingApi = z.array(z.object({ type: z.string().max(50), body: z.unknown() })).max(20)
  .transform((list) =>
    list.filter((r) => r.type === "csp-violation").map((r) => violation.safeParse(r.body))
      .filter((r) => r.success).map((r) => r.data!)
  );

const reportSchema = z.union([legacyReport, reportingApi]);

/**
 * CSP violation reports from browsers (`report-uri` and `report-to`): size- and type-checked by
 * the body-limit middleware, rate-limited per IP (`csp_reports` in lib/security/rules.ts),
 * validated here and logged as one warning per violation with origins and paths only. 204.
 */
export const handler: Handlers = {
  POST: async (ctx) => {
    const parsed = reportSchema.safeParse(await ctx.req.json().catch(() => undefined));
    if (!parsed.success) {
      throw new HttpError(400, "invalid_report", "This is not a CSP violation report.");
    }
    for (const v of parsed.data) {
      logger.warn("csp violation", {
        directive: v.effectiveDirective,
        blocked: v.blockedURL,
        document: v.documentURL,
        source: v.sourceFile,
        line: v.lineNumber,
        disposition: v.disposition,
        requestId: ctx.state.requestId,
      });
    }
    return new Response(null, { status: 204 });
  },
};
