/**
 * Every abuse-control number in one place: rate-limit rules, which requests each route class
 * covers and by which subject, and the body size and content-type limits per route. Features
 * add a line here rather than hard-coding limits in handlers.
 */

/** A sliding-window limit: at most `limit` requests per `windowSeconds` per subject. */
export interface RateRule {
  /** Stable name, part of the KV key (`["rate_limits", name, subject, window]`). */
  readonly name: string;
  readonly limit: number;
  readonly windowSeconds: number;
}

/** The rules, by route class. Handlers use these with `enforceRateLimit` for custom subjects. */
export const rules = {
  /** Sign-in attempts (magic-link requests, OAuth starts and callbacks) per client IP. */
  signIn: { name: "sign_in", limit: 20, windowSeconds: 600 },
  /** Magic links sent to one address (per address, by the sign-in handler). */
  magicLink: { name: "magic_link", limit: 5, windowSeconds: 3600 },
  /** Tracked demo events per caller. */
  demoFeed: { name: "demo_feed", limit: 240, windowSeconds: 60 },
  /** Agent runs started per caller (IP, session or token). */
  runs: { name: "runs", limit: 20, windowSeconds: 600 },
  /** Agent runs started per workspace (by the runs handler, once the workspace is known). */
  runsPerWorkspace: { name: "runs_workspace", limit: 120, windowSeconds: 600 },
  /** Lead forms submitted per client IP. */
  leads: { name: "leads", limit: 10, windowSeconds: 600 },
  /** Tickets sent to one workspace's signed webhook (by the tickets handler). */
  tickets: { name: "tickets", limit: 120, windowSeconds: 60 },
  /** Other API calls per API token, or per client IP without one. */
  api: { name: "api", limit: 600, windowSeconds: 60 },
  /** Browser error reports per client IP. */
  clientErrors: { name: "client_errors", limit: 30, windowSeconds: 60 },
  /** CSP violation reports per client IP. */
  cspReports: { name: "csp_reports", limit: 30, windowSeconds: 60 },
  /** Any other unsafe (POST, PUT, PATCH, DELETE) request per client IP. */
  writes: { name: "writes", limit: 120, windowSeconds: 60 },
} as const satisfies Record<string, RateRule>;

/** How the rate-limit middleware identifies the caller of a route class. */
export type SubjectKind =
  /** The client IP (IPv6 by /64). */
  | "ip"
  /** The API token when the request carries a valid `Authorization: Bearer` one, else the client IP. */
  | "token_or_ip";

/** A route class: the requests one rule covers, and by what subject. First match wins. */
export interface RouteClass {
  rule: RateRule;
  subject: SubjectKind;
  /** Methods covered; all when absent. */
  methods?: readonly string[];
  /** Path pattern (matched against the URL path). */
  path: RegExp;
}

const UNSAFE = ["POST", "PUT", "PATCH", "DELETE"] as const;

/** Route classes the rate-limit middleware applies, in order; first match wins. */
export const routeClasses: readonly RouteClass[] = [
  { rule: rules.cspReports, subject: "ip", methods: ["POST"], path: /^\/api\/csp-reports\/?$/ },
  {
    rule: rules.clientErrors,
    subject: "ip",
    methods: ["POST"],
    path: /^\/api\/client-errors\/?$/,
  },
  { rule: rules.signIn, subject: "ip", methods: UNSAFE, path: /^\/(signin|auth)(\/|$)/ },
  {
    rule: rules.signIn,
    subject: "ip",
    methods: ["GET"],
    path: /^\/(auth\/[^/]+(\/callback)?|signin\/verify)\/?$/,
  },
  { rule: rules.demoFeed, subject: "token_or_ip", methods: UNSAFE, path: /^\/demo\/record\/?$/ },
  { rule: rules.runs, subject: "token_or_ip", methods: ["POST"], path: /^\/api\/runs\/?$/ },
  {
    rule: rules.leads,
    subject: "ip",
    methods: ["POST"],
    path: /^\/(contact|sales|api\/leads|leads)(\/|$)/,
  },
  { rule: rules.api, subject: "token_or_ip", path: /^\/api\// },
  { rule: rules.writes, subject: "ip", methods: UNSAFE, path: /^\// },
];

/** Request body limits for a set of routes. */
export interface BodyRule {
  path: RegExp;
  /** Largest accepted body in bytes (413 above). */
  maxBytes: number;
  /** Accepted media types (without parameters); 415 for anything else. */
  types: readonly string[];
}

/** One mebibyte. */
export const MiB = 1024 * 1024;

const FORM_AND_JSON = [
  "application/json",
  "application/x-www-form-urlencoded",
  "multipart/form-data",
] as const;

/** Body limits per route, first match wins; {@link defaultBodyRule} covers the rest. */
export const bodyRules: readonly BodyRule[] = [
  {
    path: /^\/api\/csp-reports\/?$/,
    maxBytes: 16 * 1024,
    types: ["application/csp-report", "application/reports+json", "application/json"],
  },
  {
    path: /^\/api\/client-errors\/?$/,
    maxBytes: 16 * 1024,
    types: ["application/json", "text/plain"],
  },
  { path: /^\/demo\/record\/?$/, maxBytes: 64 * 1024, types: ["application/json", "text/plain"] },
  // The tickets webhook takes JSON only, but says so after it knows the workspace takes tickets.
  { path: /^\/api\/workspaces\/[^/]+\/tickets\/?$/, maxBytes: 64 * 1024, types: FORM_AND_JSON },
  { path: /^\/api\/uploads(\/|$)/, maxBytes: 10 * MiB, types: ["multipart/form-data"] },
];

/** Everything else: JSON and forms up to 1 MiB. */
export const defaultBodyRule: BodyRule = { path: /^\//, maxBytes: MiB, types: FORM_AND_JSON };

/** The limits of uploaded and fetched content before any tool sees it. */
export const contentLimits = {
  /** Largest file accepted by the content checks. */
  maxFileBytes: 10 * MiB,
  /** Largest page the fetch tool downloads. */
  maxFetchBytes: 2 * MiB,
  /** Fetch tool time limit, whole request including redirects. */
  fetchTimeoutMs: 10_000,
  /** Redirects the fetch tool follows (each hop re-checked). */
  maxRedirects: 3,
  /** PDF pages extracted at most (longer documents are refused). */
  maxPdfPages: 50,
  /** Characters of text kept from any document. */
  maxTextChars: 200_000,
  /** Bytes a PDF's streams may inflate to, all together (more: a PDF bomb, refused). */
  maxPdfInflatedBytes: 64 * MiB,
  /** Time one PDF may take to read in its worker. */
  pdfTimeoutMs: 10_000,
  /** Heap of a PDF worker thread, in MiB. */
  pdfHeapMiB: 256,
  /** Growth of the process's resident memory while PDFs are read before the worker is ended. */
  pdfRssGrowthMiB: 768,
  /** PDFs read at once per process; more wait in a queue of `maxQueuedPdfs`, then get a 503. */
  maxConcurrentPdfs: 2,
  maxQueuedPdfs: 16,
} as const;
