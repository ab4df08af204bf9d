/**
 * Browser-side telemetry for islands (imports nothing server-only): the page's W3C trace
 * context, headers that join it, and error reports to `POST /api/client-errors`.
 *
 * - `traceHeaders()`: spread into `fetch` headers so the server's spans join the page's trace.
 * - `pageTraceparent()`: the value to put in the `traceparent` field of feed events.
 * - `reportClientError(kind, error, extra)`: report a caught error (e.g. an island's failed
 *   request); `installErrorReporting()` reports uncaught errors and rejections (idempotent).
 */

/** The report kinds the endpoint accepts. */
export type ClientErrorKind = "error" | "unhandledrejection" | "island" | "network" | "report";

const ENDPOINT = "/api/client-errors";
const MAX_REPORTS_PER_PAGE = 10;
const TRACEPARENT = /^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;
let sent = 0;
let installed = false;

function fromServerTiming(): string | undefined {
  const nav = globalThis.performance?.getEntriesByType?.("navigation")[0] as
    | (PerformanceEntry & { serverTiming?: { name: string; description: string }[] })
    | undefined;
  return nav?.serverTiming?.find((t) => t.name === "traceparent")?.description;
}

/**
 * The page's `traceparent`: from the navigation's `Server-Timing` header (fresh on every load,
 * also for pages served from cache), else the `<meta name="traceparent">` tag.
 */
export function pageTraceparent(): string | undefined {
  const value = fromServerTiming() ??
    globalThis.document?.querySelector('meta[name="traceparent"]')?.getAttribute("content") ??
    undefined;
  return value && TRACEPARENT.test(value) ? value : undefined;
}

/** `{ traceparent }` when the page has a trace, else `{}`: spread into fetch headers. */
export function traceHeaders(): Record<string, string> {
  const traceparent = pageTraceparent();
  return traceparent ? { traceparent } : {};
}

function clip(s: string | undefined, max: number): string | undefined {
  return s === undefined ? undefined : s.slice(0, max);
}

/** Sends one error report (at most ten per page; never throws). */
export function reportClientError(
  kind: ClientErrorKind,
  error: unknown,
  extra: { island?: string; source?: string; line?: number; column?: number } = {},
) {
  if (sent >= MAX_REPORTS_PER_PAGE) return;
  sent++;
  const err = error instanceof Error ? error : null;
  const report = {
    kind,
    message: clip(err?.message || String(error) || "unknown error", 1000),
    name: clip(err?.name, 100),
    stack: clip(err?.stack, 4000),
    page: globalThis.location?.pathname,
    traceparent: pageTraceparent(),
    ...extra,
    island: clip(extra.island, 100),
    source: clip(extra.source, 2000),
  };
  try {
    fetch(ENDPOINT, {
      method: "POST",
      headers: { "content-type": "application/json", ...traceHeaders() },
      body: JSON.stringify(report),
      keepalive: true,
      credentials: "same-origin",
    }).catch(() => {});
  } catch { /* reporting must never break the page */ }
}

/** Reports uncaught errors and unhandled promise rejections of this page (once per page). */
export function installErrorReporting() {
  if (installed || typeof addEventListener !== "function") return;
  installed = true;
  addEventListener("error", (e: ErrorEvent) => {
    const line = Number.isInteger(e.lineno) && e.lineno > 0 ? e.lineno : undefined;
    const column = Number.isInteger(e.colno) && e.colno > 0 ? e.colno : undefined;
    reportClientError("error", e.error ?? e.message, {
      source: e.filename || undefined,
      line,
      column,
    });
  });
  addEventListener("unhandledrejection", (e: PromiseRejectionEvent) => {
    reportClientError("unhandledrejection", e.reason);
  });
}
