/**
 * Security headers on every response: a strict Content-Security-Policy with violation reports,
 * HSTS in production, and the usual hardening headers.
 */
import type { MiddlewareHandler } from "hono";

/** Where browsers send CSP violation reports (routes/api/csp-reports.ts). */
export const CSP_REPORT_PATH = "/api/csp-reports";

/** Hosts hCaptcha's widget loads from; allowed only when hCaptcha is configured. */
export const HCAPTCHA_HOSTS = ["https://hcaptcha.com", "https://*.hcaptcha.com"] as const;

/** Options for the CSP and {@link securityHeaders}. */
export interface SecurityHeaderOptions {
  /** Send Strict-Transport-Security (production, served over HTTPS). */
  hsts: boolean;
  /** Allow hCaptcha's hosts (script, style, frame, connect) because forms use it. */
  hcaptcha?: boolean;
}

/**
 * The Content-Security-Policy: everything from our own origin, no inline script or style, no
 * plugins, no framing, forms post only to us; hCaptcha's hosts only when enabled; violations
 * reported to {@link CSP_REPORT_PATH} (`report-uri` and the Reporting API's `report-to`).
 */
export function contentSecurityPolicy({ hcaptcha = false }: { hcaptcha?: boolean } = {}): string {
  const extra = hcaptcha ? ` ${HCAPTCHA_HOSTS.join(" ")}` : "";
  return [
    "default-src 'self'",
    `script-src 'self'${extra}`,
    `style-src 'self'${extra}`,
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self'${extra}`,
    `frame-src ${hcaptcha ? HCAPTCHA_HOSTS.join(" ") : "'none'"}`,
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'none'",
    "form-action 'self'",
    `report-uri ${CSP_REPORT_PATH}`,
    "report-to csp-endpoint",
  ].join("; ");
}

/** The site's Referrer-Policy, unless a route sets one at least as strict. */
export const DEFAULT_REFERRER_POLICY = "strict-origin-when-cross-origin";

/** Referrer policies that send no more than the default; a route may choose any of these. */
const STRICT_REFERRER_POLICIES = new Set([
  "no-referrer",
  "same-origin",
  "strict-origin",
  DEFAULT_REFERRER_POLICY,
]);

/**
 * Sets CSP, reporting endpoint and hardening headers; HSTS only when `hsts`. A route's own
 * Referrer-Policy is kept when it is at least as strict as the default (`no-referrer` on pages
 * whose URL holds a token); a weaker one is replaced.
 */
export function securityHeaders(options: SecurityHeaderOptions): MiddlewareHandler {
  const csp = contentSecurityPolicy(options);
  return async (c, next) => {
    await next();
    const h = c.res.headers;
    h.set("content-security-policy", csp);
    h.set("reporting-endpoints", `csp-endpoint="${CSP_REPORT_PATH}"`);
    h.set("x-content-type-options", "nosniff");
    const own = h.get("referrer-policy")?.trim().toLowerCase();
    if (!own || !STRICT_REFERRER_POLICIES.has(own)) {
      h.set("referrer-policy", DEFAULT_REFERRER_POLICY);
    }
    h.set("cross-origin-opener-policy", "same-origin");
    h.set(
      "permissions-policy",
      "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    );
    h.set("x-frame-options", "DENY");
    if (options.hsts) {
      h.set("strict-transport-security", "max-age=63072000; includeSubDomains");
    }
  };
}
