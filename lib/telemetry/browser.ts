/**
 * Browser-side telemetry for islands (imports nothing server-only): the page's W3C trace
 * context, headers that join it, and error reports to `POST /api/client-errors` (with the
 * visitor's consent to error telemetry).
 *
 * - `traceHeaders()`, `pageTraceparent()`: from page_trace.ts, re-exported.
 * - `reportClientError(kind, error, extra)`: report a caught error (e.g. an island's failed
 *   request); `reportErrorEvent(event)` reports an uncaught error or rejection (the island boot
 *   module imports this module on the first one); `installErrorReporting()` listens for them
 *   (idempotent).
 */
import { consentInBrowser } from "../consent.ts";
import { pageTraceparent, traceHeaders } from "./page_trace.ts";

export { pageTraceparent, traceHeaders };

/** The report kinds the endpoint accepts. */
export type ClientErrorKind = "error" | "unhandledrejection" | "island" | "network" | "report";

const ENDPOINT = "/api/client-errors";
const MAX_REPORTS_PER_PAGE = 10;
let sent = 0;
let installed = false;

function clip(s: string | undefined, max: number): string | undefined {
  return s === undefined ? undefined : s.slice(0, max);
}

/**
 * Sends one error report (at most ten per page; never throws), only when the visitor accepted
 * error telemetry (the consent banner's "Error telemetry"; GPC or DNT count as a refusal).
 */
export function reportClientError(
  kind: ClientErrorKind,
  error: unknown,
  extra: { island?: string; source?: string; line?: number; column?: number } = {},
) {
  if (sent >= MAX_REPORTS_PER_PAGE || !consentInBrowser().telemetry) return;
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

/** Reports one `error` or `unhandledrejection` event. */
export function reportErrorEvent(e: Event) {
  if (e.type === "unhandledrejection") {
    reportClientError("unhandledrejection", (e as PromiseRejectionEvent).reason);
    return;
  }
  const err = e as ErrorEvent;
  const line = Number.isInteger(err.lineno) && err.lineno > 0 ? err.lineno : undefined;
  const column = Number.isInteger(err.colno) && err.colno > 0 ? err.colno : undefined;
  reportClientError("error", err.error ?? err.message, {
    source: err.filename || undefined,
    line,
    column,
  });
}

/** Reports uncaught errors and unhandled promise rejections of this page (once per page). */
export function installErrorReporting() {
  if (installed || typeof addEventListener !== "function") return;
  installed = true;
  addEventListener("error", reportErrorEvent);
  addEventListener("unhandledrejection", reportErrorEvent);
}
