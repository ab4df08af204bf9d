import { z } from "zod";
import { type Handlers, HttpError } from "../../lib/framework/mod.ts";
import { logger } from "../../lib/telemetry/log.ts";
import { metrics } from "../../lib/telemetry/metrics.ts";
import { parseTraceparent } from "../../lib/telemetry/trace_context.ts";

/** Largest report accepted, in bytes (the body-limit middleware enforces the same). */
export const MAX_REPORT_BYTES = 16 * 1024;

/** Keeps the path of a same-site URL and drops its query and fragment (they may hold tokens). */
const pathOnly = z.string().max(2000).transform((v) => {
  try {
    const u = new URL(v, "http://x.invalid");
    return u.origin === "http://x.invalid" ? u.pathname : `${u.origin}${u.pathname}`;
  } catch {
    return "";
  }
});

/** A browser error report, as `lib/telemetry/browser.ts` sends it. */
export const clientErrorSchema = z.object({
  kind: z.enum(["error", "unhandledrejection", "island", "network", "report"]),
  message: z.string().min(1).max(1000),
  name: z.string().max(100).optional(),
  stack: z.string().max(4000).optional(),
  source: pathOnly.optional(),
  line: z.number().int().nonnegative().max(10_000_000).optional(),
  column: z.number().int().nonnegative().max(10_000_000).optional(),
  page: pathOnly.optional(),
  island: z.string().max(100).optional(),
  traceparent: z.string().max(100).optional(),
}).strict();

/**
 * Browser error reports: validated, size-limited and rate-limited (the `client_errors` rule
 * in lib/security/rules.ts), logged as one JSON line in the page's trace, counted in
 * `relay_client_errors_total`. Answers 204.
 */
export const handler: Handlers = {
  POST: async (ctx) => {
    const text = await ctx.req.text();
    if (new TextEncoder().encode(text).length > MAX_REPORT_BYTES) {
      throw new HttpError(413, "payload_too_large", "The error report is too large.");
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new HttpError(400, "invalid_json", "The error report is not valid JSON.");
    }
    const parsed = clientErrorSchema.safeParse(body);
    if (!parsed.success) {
      throw new HttpError(400, "invalid_report", "The error report is not valid.", {}, {
        issues: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
      });
    }
    const { traceparent, ...report } = parsed.data;
    const pageTrace = parseTraceparent(traceparent);
    metrics.clientError({ kind: report.kind });
    logger.warn("client error", {
      ...report,
      origin: "browser",
      pageTraceId: pageTrace?.traceId,
      pageSpanId: pageTrace?.spanId,
    });
    return new Response(null, { status: 204 });
  },
};
