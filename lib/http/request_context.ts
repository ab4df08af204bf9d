import type { Context, MiddlewareHandler } from "hono";
import { matchedRoutes } from "hono/route";
import { logger, withLogContext } from "../telemetry/log.ts";
import { metrics } from "../telemetry/metrics.ts";
import { activeTraceContext, withSpan } from "../telemetry/tracing.ts";
import { childContext, formatTraceparent, parseTraceparent } from "../telemetry/trace_context.ts";
import { stateOf } from "../framework/mod.ts";

const REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/**
 * The route pattern a request matched, also when a middleware answered before the route ran
 * (a 429, 403 or 413): the first matched non-wildcard Hono route. Null for not-found.
 */
function routePattern(c: Context): string | null {
  return c.get("route") ?? matchedRoutes(c).find((r) => r.path !== "*" && r.path !== "/*")?.path ??
    null;
}

/**
 * Accepts a well-formed `X-Request-Id` or makes one, joins the caller's W3C `traceparent`
 * (or starts a trace), returns the id, and writes one JSON access-log line per request.
 */
export function requestContext(): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    const given = c.req.header("x-request-id");
    const requestId = given && REQUEST_ID.test(given) ? given : crypto.randomUUID();
    const trace = activeTraceContext() ??
      childContext(parseTraceparent(c.req.header("traceparent")));
    c.set("requestId", requestId);
    c.set("traceId", trace.traceId);
    const state = stateOf(c);
    state.requestId = requestId;
    state.trace = trace;
    try {
      await withLogContext(
        { requestId, traceId: trace.traceId, spanId: trace.spanId },
        () =>
          withSpan("handler", { "relay.request_id": requestId }, async (span) => {
            await next();
            const route = routePattern(c);
            if (route) span.updateName(`${c.req.method} ${route}`);
            span.setAttribute("http.route", route ?? "unmatched");
            span.setAttribute("http.response.status_code", c.res.status);
          }),
      );
    } finally {
      c.res.headers.set("x-request-id", requestId);
      c.res.headers.append("server-timing", `traceparent;desc="${formatTraceparent(trace)}"`);
      const status = c.res.status;
      const seconds = (performance.now() - started) / 1000;
      const route = routePattern(c);
      metrics.httpRequest({ method: c.req.method, route, status, seconds });
      logger[status >= 500 ? "error" : "info"]("request", {
        method: c.req.method,
        route,
        path: new URL(c.req.url).pathname,
        status,
        durationMs: Math.round(seconds * 100_000) / 100,
        requestId,
        traceId: trace.traceId,
        spanId: trace.spanId,
      });
    }
  };
}
