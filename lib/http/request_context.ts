import type { Context, MiddlewareHandler } from "hono";
import { matchedRoutes } from "hono/route";
import { logger, withLogContext } from "../telemetry/log.ts";
import { metrics } from "../telemetry/metrics.ts";
import { activeTraceContext, withSpan } from "../telemetry/tracing.ts";
import {
  childContext,
  formatTraceparent,
  parseTraceparent,
  type TraceContext,
} from "../telemetry/trace_context.ts";
import { type CachedPageFastPath, stateOf } from "../framework/mod.ts";

/**
 * Spans are recorded only with Deno's OpenTelemetry exporter on (`OTEL_DENO=true`); otherwise
 * the handler span would be a no-op costing a context switch per request.
 */
const SPANS = (() => {
  try {
    return Deno.env.get("OTEL_DENO") === "true";
  } catch {
    return false;
  }
})();

const REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/**
 * The route pattern a request matched, also when a middleware answered before the route ran
 * (a 429, 403 or 413): the first matched non-wildcard Hono route. Null for not-found.
 */
function routePattern(c: Context): string | null {
  return c.get("route") ?? matchedRoutes(c).find((r) => r.path !== "*" && r.path !== "/*")?.path ??
    null;
}

/** The caller's well-formed `X-Request-Id`, or a new one. */
function requestIdOf(req: Request): string {
  const given = req.headers.get("x-request-id");
  return given && REQUEST_ID.test(given) ? given : crypto.randomUUID();
}

/** The request's trace context: the active span's, else a child of the caller's `traceparent`. */
function traceOf(req: Request): TraceContext {
  return activeTraceContext() ?? childContext(parseTraceparent(req.headers.get("traceparent")));
}

/** The `Server-Timing` entry carrying the response's trace context. */
const serverTiming = (trace: TraceContext) => `traceparent;desc="${formatTraceparent(trace)}"`;

const STANDARD_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);
const recorders = new Map<string, (seconds: number) => void>();

/** The request metric, its series looked up once per method, route and status. */
function recordMetric(method: string, route: string | null, status: number, seconds: number) {
  // Methods outside the standard set share one series (and one key): the map stays bounded.
  const key = `${STANDARD_METHODS.has(method) ? method : "OTHER"} ${status} ${route}`;
  let recorder = recorders.get(key);
  if (!recorder) {
    recorders.set(key, recorder = metrics.httpRequestRecorder({ method, route, status }));
  }
  recorder(seconds);
}

/** The access-log line and the request metric. */
function record(
  r: { method: string; route: string | null; path: string; status: number; seconds: number },
  requestId: string,
  trace: TraceContext,
) {
  recordMetric(r.method, r.route, r.status, r.seconds);
  logger[r.status >= 500 ? "error" : "info"]("request", {
    method: r.method,
    route: r.route,
    path: r.path,
    status: r.status,
    durationMs: Math.round(r.seconds * 100_000) / 100,
    requestId,
    traceId: trace.traceId,
    spanId: trace.spanId,
  });
}

/**
 * What the cached-page fast path (framework `CachedPageFastPath`) does in place of this
 * middleware: the same request id and trace headers, access-log line and metric.
 */
export const requestStamp: Pick<CachedPageFastPath, "perRequestHeaders" | "stamp"> = {
  perRequestHeaders: ["x-request-id", "server-timing"],
  stamp(req, res) {
    const requestId = requestIdOf(req);
    const trace = traceOf(req);
    const seconds = (performance.now() - res.started) / 1000;
    const r = { method: req.method, route: res.route, path: res.path, status: res.status, seconds };
    record(r, requestId, trace);
    return [["x-request-id", requestId], ["server-timing", serverTiming(trace)]];
  },
};

/**
 * Accepts a well-formed `X-Request-Id` or makes one, joins the caller's W3C `traceparent`
 * (or starts a trace), returns the id, and writes one JSON access-log line per request.
 */
export function requestContext(): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    const requestId = requestIdOf(c.req.raw);
    const trace = traceOf(c.req.raw);
    c.set("requestId", requestId);
    c.set("traceId", trace.traceId);
    const state = stateOf(c);
    state.requestId = requestId;
    state.trace = trace;
    try {
      await withLogContext(
        { requestId, traceId: trace.traceId, spanId: trace.spanId },
        () =>
          SPANS
            ? withSpan("handler", { "relay.request_id": requestId }, async (span) => {
              await next();
              const route = routePattern(c);
              if (route) span.updateName(`${c.req.method} ${route}`);
              span.setAttribute("http.route", route ?? "unmatched");
              span.setAttribute("http.response.status_code", c.res.status);
            })
            : next(),
      );
    } finally {
      c.res.headers.set("x-request-id", requestId);
      c.res.headers.append("server-timing", serverTiming(trace));
      const seconds = (performance.now() - started) / 1000;
      const r = {
        method: c.req.method,
        route: routePattern(c),
        path: new URL(c.req.url).pathname,
        status: c.res.status,
        seconds,
      };
      record(r, requestId, trace);
    }
  };
}
