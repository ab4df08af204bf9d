/**
 * The settings table: every environment variable the app reads, its per-environment default,
 * its validation, and its documentation. The zod schema and {@link settingsReference} are both
 * derived from this one table, so the docs cannot drift from the code.
 */
import { z } from "zod";

/** The deployment environments selected by `DENO_ENV`. */
export const DENO_ENVS = ["development", "test", "production"] as const;

/** One of {@link DENO_ENVS}. */
export type DenoEnv = typeof DENO_ENVS[number];

/** Raw environment after `NAME_FILE` resolution and per-environment defaults. */
export type RawEnv = Record<string, string | undefined>;

interface Spec {
  description: string;
  /** Human-readable default, for the docs. */
  defaultDoc: string | null;
  /** Computes the default from the environment (earlier keys already defaulted). */
  default?: (env: DenoEnv, raw: RawEnv) => string | undefined;
  secret: boolean;
  requiredIn: DenoEnv[];
  schema: z.ZodType;
}

const MIN_SECRET_LENGTH = 32;

const optional = z.string().optional();

const secretList = (name: string) =>
  z.string({ error: `${name} is required` }).transform((value, ctx) => {
    const keys = value.split(",").map((k) => k.trim()).filter(Boolean);
    if (keys.length === 0) ctx.addIssue({ code: "custom", message: `${name} is empty` });
    keys.forEach((k, i) => {
      if (k.length < MIN_SECRET_LENGTH) {
        ctx.addIssue({
          code: "custom",
          message: `${name}: key ${
            i + 1
          } is ${k.length} characters; each must be at least ${MIN_SECRET_LENGTH}`,
        });
      }
    });
    return keys;
  });

const url = (name: string) =>
  z.string({ error: `${name} is required` }).refine((v) => URL.canParse(v), {
    message: `${name} must be an absolute URL`,
  });

/** Every setting, keyed by environment variable name, in dependency order. */
export const settingsSpec = {
  DENO_ENV: {
    description: "Deployment environment; selects the defaults below.",
    defaultDoc: "development",
    default: () => "development",
    secret: false,
    requiredIn: [],
    schema: z.enum(DENO_ENVS, { error: "DENO_ENV must be development, test or production" }),
  },
  PORT: {
    description: "TCP port the HTTP server listens on.",
    defaultDoc: "8000",
    default: () => "8000",
    secret: false,
    requiredIn: [],
    schema: z.coerce.number({ error: "PORT must be a number" }).int("PORT must be an integer")
      .min(0, "PORT must be 0-65535").max(65535, "PORT must be 0-65535"),
  },
  HOSTNAME: {
    description: "Interface the HTTP server binds to.",
    defaultDoc: '"0.0.0.0" in production, "localhost" otherwise',
    default: (env) => env === "production" ? "0.0.0.0" : "localhost",
    secret: false,
    requiredIn: [],
    schema: z.string().min(1, "HOSTNAME is empty"),
  },
  DATA_DIR: {
    description: "Folder for local state: the KV file, PGlite data, development secrets.",
    defaultDoc: "./data",
    default: () => "./data",
    secret: false,
    requiredIn: [],
    schema: z.string().min(1, "DATA_DIR is empty"),
  },
  PUBLIC_URL: {
    description: "Public origin of the site (links in emails, OAuth redirects, CSRF origin).",
    defaultDoc: "http://localhost:PORT in development and test",
    default: (env, raw) => env === "production" ? undefined : `http://localhost:${raw.PORT}`,
    secret: false,
    requiredIn: ["production"],
    schema: url("PUBLIC_URL").transform((v) => v.replace(/\/+$/, "")),
  },
  KV_PATH: {
    description:
      'Deno KV location: a file path, ":memory:", "deploy" (or empty) for Deno Deploy\'s KV, ' +
      "or an http(s) URL of a KV Connect server.",
    defaultDoc: 'DATA_DIR/kv.sqlite3 ("deploy" on Deno Deploy)',
    default: (_env, raw) =>
      raw.DENO_DEPLOYMENT_ID ? "deploy" : `${raw.DATA_DIR!.replace(/\/+$/, "")}/kv.sqlite3`,
    secret: false,
    requiredIn: [],
    schema: z.string().transform((v) => v === "" ? "deploy" : v),
  },
  DATABASE_URL: {
    description:
      'PostgreSQL URL (postgres://...). Absent: embedded PGlite under DATA_DIR/pglite; "memory://": in-memory PGlite.',
    defaultDoc: null,
    secret: true,
    requiredIn: [],
    schema: optional.refine(
      (v) => v === undefined || v === "memory://" || /^postgres(ql)?:\/\//.test(v),
      { message: 'DATABASE_URL must be a postgres:// URL or "memory://"' },
    ),
  },
  DATABASE_SCHEMA: {
    description: "PostgreSQL schema holding the app's tables (isolates tests and previews).",
    defaultDoc: "public",
    default: () => "public",
    secret: false,
    requiredIn: [],
    schema: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, {
      message: "DATABASE_SCHEMA must be a lower-case SQL identifier",
    }),
  },
  LOG_LEVEL: {
    description: "Minimum level logged: debug, info, warn or error.",
    defaultDoc: '"warn" in test, "info" otherwise',
    default: (env) => env === "test" ? "warn" : "info",
    secret: false,
    requiredIn: [],
    schema: z.enum(["debug", "info", "warn", "error"], {
      error: "LOG_LEVEL must be debug, info, warn or error",
    }),
  },
  SESSION_SECRETS: {
    description: "Comma-separated keys signing session cookies, newest first (>= 32 chars each).",
    defaultDoc: "generated in development (kept in DATA_DIR/secrets.json) and test",
    secret: true,
    requiredIn: ["production"],
    schema: secretList("SESSION_SECRETS"),
  },
  DEMO_KEY_SECRETS: {
    description: "Comma-separated keys signing demo keys, newest first (>= 32 chars each).",
    defaultDoc: "generated in development (kept in DATA_DIR/secrets.json) and test",
    secret: true,
    requiredIn: ["production"],
    schema: secretList("DEMO_KEY_SECRETS"),
  },
  WEBHOOK_SECRETS: {
    description: "Comma-separated keys signing outgoing webhooks, newest first (>= 32 chars each).",
    defaultDoc: "generated in development (kept in DATA_DIR/secrets.json) and test",
    secret: true,
    requiredIn: ["production"],
    schema: secretList("WEBHOOK_SECRETS"),
  },
  OPENAI_API_KEY: {
    description: "API key of an OpenAI-compatible provider. Absent: the offline agent engine.",
    defaultDoc: null,
    secret: true,
    requiredIn: [],
    schema: optional,
  },
  OPENAI_BASE_URL: {
    description: "Base URL of an OpenAI-compatible API (Azure, Ollama, vLLM...).",
    defaultDoc: null,
    secret: false,
    requiredIn: [],
    schema: url("OPENAI_BASE_URL").optional(),
  },
  OPENAI_MODEL: {
    description: "Model name sent to the provider.",
    defaultDoc: "gpt-4o-mini",
    default: () => "gpt-4o-mini",
    secret: false,
    requiredIn: [],
    schema: z.string().min(1, "OPENAI_MODEL is empty"),
  },
  OPENAI_TIMEOUT_MS: {
    description: "Milliseconds the provider may take to answer, and to go silent mid-stream.",
    defaultDoc: "30000",
    default: () => "30000",
    secret: false,
    requiredIn: [],
    schema: z.coerce.number({ error: "OPENAI_TIMEOUT_MS must be a number" }).int()
      .min(100, "OPENAI_TIMEOUT_MS must be at least 100"),
  },
  OPENAI_MAX_RETRIES: {
    description: "Retries (jittered exponential backoff) after a 429, a 5xx or a timeout.",
    defaultDoc: "2",
    default: () => "2",
    secret: false,
    requiredIn: [],
    schema: z.coerce.number({ error: "OPENAI_MAX_RETRIES must be a number" }).int()
      .min(0, "OPENAI_MAX_RETRIES must be 0-10").max(10, "OPENAI_MAX_RETRIES must be 0-10"),
  },
  AGENT_CONCURRENCY: {
    description: "Agent runs one instance executes at once; more wait in the queue.",
    defaultDoc: "8",
    default: () => "8",
    secret: false,
    requiredIn: [],
    schema: z.coerce.number({ error: "AGENT_CONCURRENCY must be a number" }).int()
      .min(1, "AGENT_CONCURRENCY must be 1-1000").max(1000, "AGENT_CONCURRENCY must be 1-1000"),
  },
  AGENT_RUN_TIMEOUT_MS: {
    description: "Longest an agent run may take before it fails with a timeout.",
    defaultDoc: "120000",
    default: () => "120000",
    secret: false,
    requiredIn: [],
    schema: z.coerce.number({ error: "AGENT_RUN_TIMEOUT_MS must be a number" }).int()
      .min(100, "AGENT_RUN_TIMEOUT_MS must be at least 100"),
  },
  AGENT_MAX_ATTEMPTS: {
    description:
      "Attempts per run (transient provider failures, vanished workers) before the dead-letter list.",
    defaultDoc: "3",
    default: () => "3",
    secret: false,
    requiredIn: [],
    schema: z.coerce.number({ error: "AGENT_MAX_ATTEMPTS must be a number" }).int()
      .min(1, "AGENT_MAX_ATTEMPTS must be 1-10").max(10, "AGENT_MAX_ATTEMPTS must be 1-10"),
  },
  AGENT_RETRY_BASE_MS: {
    description: "First delay before a failed run is retried; doubles per attempt, with jitter.",
    defaultDoc: "2000",
    default: () => "2000",
    secret: false,
    requiredIn: [],
    schema: z.coerce.number({ error: "AGENT_RETRY_BASE_MS must be a number" }).int().min(0),
  },
  OFFLINE_CHUNK_DELAY_MS: {
    description: "Pause between streamed chunks of the offline engine (0: as fast as possible).",
    defaultDoc: "30",
    default: () => "30",
    secret: false,
    requiredIn: [],
    schema: z.coerce.number({ error: "OFFLINE_CHUNK_DELAY_MS must be a number" }).int()
      .min(0, "OFFLINE_CHUNK_DELAY_MS must be 0-5000").max(
        5000,
        "OFFLINE_CHUNK_DELAY_MS must be 0-5000",
      ),
  },
  ICP_INDUSTRIES: {
    description: "Ideal-customer profile: comma-separated industries the lead qualifier favours.",
    defaultDoc: "software,saas,fintech,e-commerce,logistics,healthcare",
    default: () => "software,saas,fintech,e-commerce,logistics,healthcare",
    secret: false,
    requiredIn: [],
    schema: z.string().transform((v) =>
      v.split(",").map((s) => s.trim().toLowerCase()).filter(Boolean)
    ),
  },
  ICP_EMPLOYEES: {
    description: "Ideal-customer profile: company size range in employees, as MIN-MAX.",
    defaultDoc: "50-5000",
    default: () => "50-5000",
    secret: false,
    requiredIn: [],
    schema: z.string().regex(/^\d+-\d+$/, { message: "ICP_EMPLOYEES must look like 50-5000" })
      .transform((v) => {
        const [min, max] = v.split("-").map(Number);
        return { min, max };
      }).refine((r) => r.min <= r.max, { message: "ICP_EMPLOYEES: MIN must not exceed MAX" }),
  },
  ICP_REGIONS: {
    description:
      "Ideal-customer profile: comma-separated regions served (north america, europe, ...).",
    defaultDoc: "north america,europe",
    default: () => "north america,europe",
    secret: false,
    requiredIn: [],
    schema: z.string().transform((v) =>
      v.split(",").map((s) => s.trim().toLowerCase()).filter(Boolean)
    ),
  },
  ICP_SIGNALS: {
    description:
      "Ideal-customer profile: comma-separated buying signals (needs the product meets).",
    defaultDoc: "support volume,lead qualification,automation,documentation,crm,hiring",
    default: () => "support volume,lead qualification,automation,documentation,crm,hiring",
    secret: false,
    requiredIn: [],
    schema: z.string().transform((v) =>
      v.split(",").map((s) => s.trim().toLowerCase()).filter(Boolean)
    ),
  },
  HCAPTCHA_SITEKEY: {
    description: "hCaptcha site key. With HCAPTCHA_SECRET: forms use hCaptcha instead of ALTCHA.",
    defaultDoc: null,
    secret: false,
    requiredIn: [],
    schema: optional,
  },
  HCAPTCHA_SECRET: {
    description: "hCaptcha secret for server-side siteverify.",
    defaultDoc: null,
    secret: true,
    requiredIn: [],
    schema: optional,
  },
  HCAPTCHA_VERIFY_URL: {
    description: "hCaptcha siteverify endpoint.",
    defaultDoc: "https://api.hcaptcha.com/siteverify",
    default: () => "https://api.hcaptcha.com/siteverify",
    secret: false,
    requiredIn: [],
    schema: url("HCAPTCHA_VERIFY_URL"),
  },
  LEAD_MIN_FILL_SECONDS: {
    description: "Forms submitted sooner than this after they were rendered are refused as bots.",
    defaultDoc: "3",
    default: () => "3",
    secret: false,
    requiredIn: [],
    schema: z.coerce.number({ error: "LEAD_MIN_FILL_SECONDS must be a number" }).min(0)
      .max(600, "LEAD_MIN_FILL_SECONDS must be 0-600"),
  },
  LEAD_NOTIFY_EMAIL: {
    description: "Where new-lead emails go (comma-separated). Absent: no lead email.",
    defaultDoc: null,
    secret: false,
    requiredIn: [],
    schema: optional,
  },
  SLACK_WEBHOOK_URL: {
    description: "Slack-compatible incoming webhook notified of each new lead.",
    defaultDoc: null,
    secret: true,
    requiredIn: [],
    schema: url("SLACK_WEBHOOK_URL").optional(),
  },
  CRM_WEBHOOK_URL: {
    description: "CRM endpoint receiving each new lead as JSON, signed with WEBHOOK_SECRETS.",
    defaultDoc: null,
    secret: true,
    requiredIn: [],
    schema: url("CRM_WEBHOOK_URL").optional(),
  },
  NOTIFY_BACKOFF_MS: {
    description: "Retry delays (ms, comma-separated) of notification jobs; then dead letter.",
    defaultDoc: "5000,30000,120000,600000,1800000",
    default: () => "5000,30000,120000,600000,1800000",
    secret: false,
    requiredIn: [],
    schema: z.string().transform((v, ctx) => {
      const list = v.split(",").map((s) => Number(s.trim()));
      if (list.length > 5 || list.some((n) => !Number.isInteger(n) || n < 0 || n > 3_600_000)) {
        ctx.addIssue({
          code: "custom",
          message: "NOTIFY_BACKOFF_MS must be up to 5 comma-separated delays of 0-3600000 ms",
        });
      }
      return list;
    }),
  },
  TRACE_URL_TEMPLATE: {
    description:
      "Link to a trace in your tracing UI, with {traceId} as placeholder (e.g. a Grafana Tempo " +
      "explore URL). Absent: the dashboard shows trace ids as text.",
    defaultDoc: null,
    secret: false,
    requiredIn: [],
    schema: z.string().refine(
      (v) => v.includes("{traceId}") && URL.canParse(v.replace("{traceId}", "x")),
      {
        message: "TRACE_URL_TEMPLATE must be an absolute URL containing {traceId}",
      },
    ).optional(),
  },
  SITE_WORKSPACE: {
    description:
      "Slug of the workspace whose dashboard receives anonymous visitors' demo events (the " +
      "site's own). Absent: those events feed only the public live strip.",
    defaultDoc: null,
    secret: false,
    requiredIn: [],
    schema: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, {
      message: "SITE_WORKSPACE must be a workspace slug",
    }).optional(),
  },
  RETENTION_DEMO_EVENTS_DAYS: {
    description: "Days tracked demo events are kept.",
    defaultDoc: "30",
    default: () => "30",
    secret: false,
    requiredIn: [],
    schema: z.coerce.number({ error: "RETENTION_DEMO_EVENTS_DAYS must be a number" }).int()
      .min(1, "RETENTION_DEMO_EVENTS_DAYS must be at least 1"),
  },
  RETENTION_RUN_EVENTS_DAYS: {
    description: "Days the streamed events of agent runs are kept.",
    defaultDoc: "14",
    default: () => "14",
    secret: false,
    requiredIn: [],
    schema: z.coerce.number({ error: "RETENTION_RUN_EVENTS_DAYS must be a number" }).int()
      .min(1, "RETENTION_RUN_EVENTS_DAYS must be at least 1"),
  },
  RETENTION_LEADS_DAYS: {
    description: "Days leads (and their notification records) are kept.",
    defaultDoc: "730",
    default: () => "730",
    secret: false,
    requiredIn: [],
    schema: z.coerce.number({ error: "RETENTION_LEADS_DAYS must be a number" }).int()
      .min(1, "RETENTION_LEADS_DAYS must be at least 1"),
  },
  RETENTION_RUNS_DAYS: {
    description: "Days agent run records are kept.",
    defaultDoc: "365",
    default: () => "365",
    secret: false,
    requiredIn: [],
    schema: z.coerce.number({ error: "RETENTION_RUNS_DAYS must be a number" }).int()
      .min(1, "RETENTION_RUNS_DAYS must be at least 1"),
  },
  RETENTION_AUDIT_DAYS: {
    description:
      "Days the audit trail is kept (whole months leave, never sooner than any other class).",
    defaultDoc: "2555",
    default: () => "2555",
    secret: false,
    requiredIn: [],
    schema: z.coerce.number({ error: "RETENTION_AUDIT_DAYS must be a number" }).int()
      .min(31, "RETENTION_AUDIT_DAYS must be at least 31"),
  },
  SMTP_URL: {
    description:
      "SMTP server for outgoing mail as one URL (smtp://user:pass@host:587 or smtps://...:465). " +
      "Without SMTP_URL or SMTP_HOST, mail goes to the development outbox (/dev/outbox).",
    defaultDoc: null,
    secret: true,
    requiredIn: [],
    schema: optional.refine((v) => v === undefined || /^smtps?:\/\/[^/]/.test(v), {
      message: "SMTP_URL must be an smtp:// or smtps:// URL",
    }),
  },
  SMTP_HOST: {
    description: "SMTP server host name (alternative to SMTP_URL, with SMTP_PORT/USER/PASS).",
    defaultDoc: null,
    secret: false,
    requiredIn: [],
    schema: optional,
  },
  SMTP_PORT: {
    description: "SMTP server port (465 means implicit TLS; others use STARTTLS when offered).",
    defaultDoc: "587",
    default: () => "587",
    secret: false,
    requiredIn: [],
    schema: z.coerce.number({ error: "SMTP_PORT must be a number" }).int(
      "SMTP_PORT must be an integer",
    )
      .min(1, "SMTP_PORT must be 1-65535").max(65535, "SMTP_PORT must be 1-65535"),
  },
  SMTP_USER: {
    description: "SMTP user name, when the server wants one.",
    defaultDoc: null,
    secret: false,
    requiredIn: [],
    schema: optional,
  },
  SMTP_PASS: {
    description: "SMTP password.",
    defaultDoc: null,
    secret: true,
    requiredIn: [],
    schema: optional,
  },
  SMTP_FROM: {
    description: "Sender of outgoing mail.",
    defaultDoc: '"Relay <no-reply@HOST of PUBLIC_URL>"',
    default: (_env, raw) =>
      `Relay <no-reply@${
        raw.PUBLIC_URL && URL.canParse(raw.PUBLIC_URL)
          ? new URL(raw.PUBLIC_URL).hostname
          : "localhost"
      }>`,
    secret: false,
    requiredIn: [],
    schema: z.string().min(3, "SMTP_FROM is empty"),
  },
  GITHUB_CLIENT_ID: {
    description:
      "GitHub OAuth app client id. With GITHUB_CLIENT_SECRET: the GitHub sign-in button.",
    defaultDoc: null,
    secret: false,
    requiredIn: [],
    schema: optional,
  },
  GITHUB_CLIENT_SECRET: {
    description: "GitHub OAuth app client secret.",
    defaultDoc: null,
    secret: true,
    requiredIn: [],
    schema: optional,
  },
  GITHUB_BASE_URL: {
    description: "GitHub web origin (authorize and token endpoints); GitHub Enterprise or tests.",
    defaultDoc: "https://github.com",
    default: () => "https://github.com",
    secret: false,
    requiredIn: [],
    schema: url("GITHUB_BASE_URL").transform((v) => v.replace(/\/+$/, "")),
  },
  GITHUB_API_URL: {
    description: "GitHub REST API origin (user and e-mail look-ups).",
    defaultDoc: "https://api.github.com",
    default: () => "https://api.github.com",
    secret: false,
    requiredIn: [],
    schema: url("GITHUB_API_URL").transform((v) => v.replace(/\/+$/, "")),
  },
  GOOGLE_CLIENT_ID: {
    description: "Google OAuth client id. With GOOGLE_CLIENT_SECRET: the Google sign-in button.",
    defaultDoc: null,
    secret: false,
    requiredIn: [],
    schema: optional,
  },
  GOOGLE_CLIENT_SECRET: {
    description: "Google OAuth client secret.",
    defaultDoc: null,
    secret: true,
    requiredIn: [],
    schema: optional,
  },
  GOOGLE_ISSUER: {
    description: "Google's OpenID Connect issuer (discovery at /.well-known/openid-configuration).",
    defaultDoc: "https://accounts.google.com",
    default: () => "https://accounts.google.com",
    secret: false,
    requiredIn: [],
    schema: url("GOOGLE_ISSUER").transform((v) => v.replace(/\/+$/, "")),
  },
  OIDC_ISSUER: {
    description:
      "Issuer URL of any OpenID Connect provider (Okta, Entra ID, Keycloak, Auth0...). With " +
      "OIDC_CLIENT_ID: a single sign-on button.",
    defaultDoc: null,
    secret: false,
    requiredIn: [],
    schema: url("OIDC_ISSUER").transform((v) => v.replace(/\/+$/, "")).optional(),
  },
  OIDC_CLIENT_ID: {
    description: "Client id registered with the OIDC issuer.",
    defaultDoc: null,
    secret: false,
    requiredIn: [],
    schema: optional,
  },
  OIDC_CLIENT_SECRET: {
    description:
      "Client secret registered with the OIDC issuer (absent: a public client, PKCE only).",
    defaultDoc: null,
    secret: true,
    requiredIn: [],
    schema: optional,
  },
  OIDC_NAME: {
    description: "Label of the generic OIDC button on the sign-in page.",
    defaultDoc: "Single sign-on",
    default: () => "Single sign-on",
    secret: false,
    requiredIn: [],
    schema: z.string().min(1, "OIDC_NAME is empty").max(40, "OIDC_NAME is too long"),
  },
  METRICS_TOKEN: {
    description: "Bearer token guarding /metrics. Absent: metrics are not served.",
    defaultDoc: null,
    secret: true,
    requiredIn: [],
    schema: optional,
  },
  TRUSTED_PROXY: {
    description: "Trust X-Forwarded-For / X-Forwarded-Proto from a reverse proxy (true/false).",
    defaultDoc: "false",
    default: () => "false",
    secret: false,
    requiredIn: [],
    schema: z.string().transform((v, ctx) => {
      const s = v.toLowerCase();
      if (["1", "true", "yes", "on"].includes(s)) return true;
      if (["0", "false", "no", "off"].includes(s)) return false;
      ctx.addIssue({ code: "custom", message: "TRUSTED_PROXY must be true or false" });
      return z.NEVER;
    }),
  },
  CLAMAV_URL: {
    description:
      "clamd to scan uploads with (INSTREAM), as tcp://host:port. Absent: built-in checks only.",
    defaultDoc: null,
    secret: false,
    requiredIn: [],
    schema: optional.refine((v) => v === undefined || /^tcp:\/\/[^/:]+:\d{1,5}\/?$/.test(v), {
      message: "CLAMAV_URL must look like tcp://host:3310",
    }),
  },
  FETCH_ALLOWLIST: {
    description:
      "Hosts or IP ranges (CIDR) the agents' fetch tool may reach even though they are " +
      "loopback, private or link-local, comma-separated (e.g. intranet.example,10.1.0.0/16).",
    defaultDoc: "(none)",
    default: () => "",
    secret: false,
    requiredIn: [],
    schema: z.string().transform((v) =>
      v.split(",").map((s) => s.trim().toLowerCase()).filter(Boolean)
    ),
  },
} satisfies Record<string, Spec>;

/** Name of one setting (its environment variable). */
export type SettingName = keyof typeof settingsSpec;

/** Secret lists that development and test generate when they are missing. */
export const GENERATED_SECRETS = [
  "SESSION_SECRETS",
  "DEMO_KEY_SECRETS",
  "WEBHOOK_SECRETS",
] as const;

/** The zod schema over the (defaulted) environment, producing camelCase {@link Settings}. */
export const settingsSchema = z.object(
  Object.fromEntries(Object.entries(settingsSpec).map(([k, s]) => [k, s.schema])) as {
    [K in SettingName]: typeof settingsSpec[K]["schema"];
  },
).transform((e) => ({
  env: e.DENO_ENV,
  port: e.PORT,
  hostname: e.HOSTNAME,
  dataDir: e.DATA_DIR,
  publicUrl: e.PUBLIC_URL,
  kvPath: e.KV_PATH,
  databaseUrl: e.DATABASE_URL,
  databaseSchema: e.DATABASE_SCHEMA,
  logLevel: e.LOG_LEVEL,
  sessionSecrets: e.SESSION_SECRETS,
  demoKeySecrets: e.DEMO_KEY_SECRETS,
  webhookSecrets: e.WEBHOOK_SECRETS,
  openaiApiKey: e.OPENAI_API_KEY,
  openaiBaseUrl: e.OPENAI_BASE_URL,
  openaiModel: e.OPENAI_MODEL,
  openaiTimeoutMs: e.OPENAI_TIMEOUT_MS,
  openaiMaxRetries: e.OPENAI_MAX_RETRIES,
  agentConcurrency: e.AGENT_CONCURRENCY,
  agentRunTimeoutMs: e.AGENT_RUN_TIMEOUT_MS,
  agentMaxAttempts: e.AGENT_MAX_ATTEMPTS,
  agentRetryBaseMs: e.AGENT_RETRY_BASE_MS,
  offlineChunkDelayMs: e.OFFLINE_CHUNK_DELAY_MS,
  icp: {
    industries: e.ICP_INDUSTRIES,
    employees: e.ICP_EMPLOYEES,
    regions: e.ICP_REGIONS,
    signals: e.ICP_SIGNALS,
  },
  hcaptcha: e.HCAPTCHA_SITEKEY && e.HCAPTCHA_SECRET
    ? { sitekey: e.HCAPTCHA_SITEKEY, secret: e.HCAPTCHA_SECRET, verifyUrl: e.HCAPTCHA_VERIFY_URL }
    : null,
  leadMinFillSeconds: e.LEAD_MIN_FILL_SECONDS,
  leadNotifyEmail: e.LEAD_NOTIFY_EMAIL,
  slackWebhookUrl: e.SLACK_WEBHOOK_URL,
  crmWebhookUrl: e.CRM_WEBHOOK_URL,
  notifyBackoffMs: e.NOTIFY_BACKOFF_MS,
  siteWorkspace: e.SITE_WORKSPACE,
  traceUrlTemplate: e.TRACE_URL_TEMPLATE,
  retentionDays: {
    demoEvents: e.RETENTION_DEMO_EVENTS_DAYS,
    runEvents: e.RETENTION_RUN_EVENTS_DAYS,
    leads: e.RETENTION_LEADS_DAYS,
    runs: e.RETENTION_RUNS_DAYS,
    audit: e.RETENTION_AUDIT_DAYS,
  },
  smtpUrl: e.SMTP_URL,
  smtpHost: e.SMTP_HOST,
  smtpPort: e.SMTP_PORT,
  smtpUser: e.SMTP_USER,
  smtpPass: e.SMTP_PASS,
  smtpFrom: e.SMTP_FROM,
  githubClientId: e.GITHUB_CLIENT_ID,
  githubClientSecret: e.GITHUB_CLIENT_SECRET,
  githubBaseUrl: e.GITHUB_BASE_URL,
  githubApiUrl: e.GITHUB_API_URL,
  googleClientId: e.GOOGLE_CLIENT_ID,
  googleClientSecret: e.GOOGLE_CLIENT_SECRET,
  googleIssuer: e.GOOGLE_ISSUER,
  oidcIssuer: e.OIDC_ISSUER,
  oidcClientId: e.OIDC_CLIENT_ID,
  oidcClientSecret: e.OIDC_CLIENT_SECRET,
  oidcName: e.OIDC_NAME,
  metricsToken: e.METRICS_TOKEN,
  trustedProxy: e.TRUSTED_PROXY,
  clamavUrl: e.CLAMAV_URL,
  fetchAllowlist: e.FETCH_ALLOWLIST,
}));

/** Validated application settings. */
export type Settings = z.output<typeof settingsSchema>;

/** One documented setting, for the Docs pages and their consistency test. */
export interface SettingReference {
  name: SettingName;
  default: string | null;
  description: string;
  secret: boolean;
  requiredIn: DenoEnv[];
}

/** Machine-readable list of every setting (each may also be given as `NAME_FILE`). */
export const settingsReference: SettingReference[] = (Object.keys(settingsSpec) as SettingName[])
  .map((name) => {
    const s: Spec = settingsSpec[name];
    return {
      name,
      default: s.defaultDoc,
      description: s.description,
      secret: s.secret,
      requiredIn: s.requiredIn,
    };
  });

/** Fills in per-environment defaults for keys that are unset (empty counts as unset). */
export function applyDefaults(env: DenoEnv, raw: RawEnv): RawEnv {
  const out: RawEnv = { ...raw };
  for (const [name, s] of Object.entries(settingsSpec) as [SettingName, Spec][]) {
    const keepEmpty = name === "KV_PATH" && out[name] === "";
    if (!keepEmpty && (out[name] === undefined || out[name] === "")) {
      out[name] = s.default?.(env, out);
    }
  }
  return out;
}
