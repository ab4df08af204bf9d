/**
 * Cookie consent: the `consent` cookie lists the accepted categories, dot-separated
 * (`consent=analytics`, `consent=analytics.telemetry`; "Reject all" stores `consent=necessary`).
 * `Sec-GPC: 1` and `DNT: 1` (or their browser equivalents) count as a refusal whatever the
 * cookie says. No server-only imports: islands use the browser helpers too.
 */

/** Name of the consent cookie. */
export const CONSENT_COOKIE = "consent";

/** How long a choice is remembered: 180 days. */
export const CONSENT_MAX_AGE_SECONDS = 180 * 24 * 60 * 60;

/** Optional categories a visitor can accept; "necessary" is always on and never optional. */
export const CONSENT_CATEGORIES = ["analytics", "telemetry"] as const;

/** One optional category. */
export type ConsentCategory = typeof CONSENT_CATEGORIES[number];

/** Human descriptions of the categories, for the banner and the settings form. */
export const CONSENT_CATEGORY_INFO: Record<
  ConsentCategory,
  { label: string; description: string }
> = {
  analytics: {
    label: "Analytics",
    description:
      "Page views and demo interactions, recorded on our own servers to show the live activity " +
      "strip and improve the site. Off unless you accept it.",
  },
  telemetry: {
    label: "Error telemetry",
    description:
      "Anonymous error reports and page-load timings without identifiers, so we can fix what " +
      "breaks. Off unless you accept it.",
  },
};

/** The consent decision that applies to a request or a page. */
export interface ConsentState {
  /** Strictly necessary cookies (session, CSRF, this choice): always allowed. */
  necessary: true;
  analytics: boolean;
  telemetry: boolean;
  /** True once the visitor made a choice (the cookie is set). */
  decided: boolean;
  /** The browser signal that forced a refusal, if any. */
  signal: "gpc" | "dnt" | null;
}

/** Categories that apply when a visitor has not chosen yet. */
const DEFAULTS: Record<ConsentCategory, boolean> = { analytics: false, telemetry: false };

/** True when `name` is an optional category. */
export function isConsentCategory(name: string): name is ConsentCategory {
  return (CONSENT_CATEGORIES as readonly string[]).includes(name);
}

/**
 * Parses the cookie value into the accepted optional categories, or null when there is no
 * choice yet. Unknown names are ignored; `.`, `,`, `|`, `+` and spaces all separate.
 */
export function parseConsentValue(value: string | null | undefined): Set<ConsentCategory> | null {
  if (value === null || value === undefined) return null;
  let decoded = value;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    // Keep the raw value: a malformed escape just yields no known categories.
  }
  const names = decoded.split(/[.,|+\s]+/).filter(isConsentCategory);
  return new Set(names);
}

/** The cookie value for a set of accepted categories (`necessary` when none). */
export function formatConsentValue(accepted: Iterable<ConsentCategory>): string {
  const set = new Set(accepted);
  const names = CONSENT_CATEGORIES.filter((c) => set.has(c));
  return names.length ? names.join(".") : "necessary";
}

/** Reads one cookie's raw value from a `Cookie` header (or `document.cookie`). */
export function readCookie(header: string | null | undefined, name: string): string | null {
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

/** Combines a cookie value and the privacy signals into the decision. */
export function resolveConsent(
  cookieValue: string | null | undefined,
  signals: { gpc?: boolean; dnt?: boolean } = {},
): ConsentState {
  const accepted = parseConsentValue(cookieValue);
  const signal = signals.gpc ? "gpc" : signals.dnt ? "dnt" : null;
  const allowed = (c: ConsentCategory) =>
    signal === null && (accepted ? accepted.has(c) : DEFAULTS[c]);
  return {
    necessary: true,
    analytics: allowed("analytics"),
    telemetry: allowed("telemetry"),
    decided: accepted !== null,
    signal,
  };
}

/**
 * The consent that applies to a server request: the `consent` cookie, with `Sec-GPC: 1` or
 * `DNT: 1` overriding it as a refusal. Use it before recording any analytics event.
 */
export function consentFrom(req: Request): ConsentState {
  return resolveConsent(readCookie(req.headers.get("cookie"), CONSENT_COOKIE), {
    gpc: req.headers.get("sec-gpc")?.trim() === "1",
    dnt: req.headers.get("dnt")?.trim() === "1",
  });
}

/** The `Set-Cookie` header value that stores a choice. */
export function consentSetCookie(
  accepted: Iterable<ConsentCategory>,
  { secure }: { secure: boolean },
): string {
  return `${CONSENT_COOKIE}=${
    formatConsentValue(accepted)
  }; Path=/; Max-Age=${CONSENT_MAX_AGE_SECONDS}; SameSite=Lax${secure ? "; Secure" : ""}`;
}

/** Event dispatched on `window` after the visitor changes their choice in the browser. */
export const CONSENT_CHANGE_EVENT = "consentchange";

/** Browser only: the consent that applies to this page (cookie plus GPC/DNT signals). */
export function consentInBrowser(): ConsentState {
  const nav = navigator as Navigator & { globalPrivacyControl?: boolean };
  return resolveConsent(readCookie(document.cookie, CONSENT_COOKIE), {
    gpc: nav.globalPrivacyControl === true,
    dnt: nav.doNotTrack === "1",
  });
}

/** Browser only: stores a choice in the cookie and announces it with {@link CONSENT_CHANGE_EVENT}. */
export function saveConsentInBrowser(accepted: Iterable<ConsentCategory>): ConsentState {
  document.cookie = consentSetCookie(accepted, { secure: location.protocol === "https:" });
  const state = consentInBrowser();
  dispatchEvent(new CustomEvent(CONSENT_CHANGE_EVENT, { detail: state }));
  return state;
}

/** The accepted categories of a state, for saving it back after changing one category. */
export function acceptedOf(state: ConsentState): ConsentCategory[] {
  return CONSENT_CATEGORIES.filter((c) => state[c]);
}
