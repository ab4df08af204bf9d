/**
 * The settings table: every environment variable the app reads, its per-environment default,
 * its validation, and its documentation. The zod schema and {@link settingsReference} are both
 * derived from this one table (its rows live in lib/config/settings/), so the docs cannot drift
 * from the code.
 */
import { z } from "zod";
import type { DenoEnv, RawEnv, Spec } from "./spec_kit.ts";
import { accountsSettings } from "./settings/accounts.ts";
import { agentsSettings } from "./settings/agents.ts";
import { coreSettings } from "./settings/core.ts";
import { checkJobsTopology } from "./jobs_topology.ts";
import { leadsSettings } from "./settings/leads.ts";
import { operationsSettings } from "./settings/operations.ts";

export { DENO_ENVS, type DenoEnv, type RawEnv } from "./spec_kit.ts";

/** Every setting, keyed by environment variable name, in dependency order. */
export const settingsSpec = {
  ...coreSettings,
  ...agentsSettings,
  ...leadsSettings,
  ...accountsSettings,
  ...operationsSettings,
} satisfies Record<string, Spec>;

/** Name of one setting (its environment variable). */
export type SettingName = keyof typeof settingsSpec;

/** Secret lists that development and test generate when they are missing. */
export const GENERATED_SECRETS = [
  "SESSION_SECRETS",
  "DEMO_KEY_SECRETS",
  "WEBHOOK_SECRETS",
  "AUDIT_KEYS",
] as const;

/** The zod schema over the (defaulted) environment, producing camelCase {@link Settings}. */
export const settingsSchema = z.object(
  Object.fromEntries(Object.entries(settingsSpec).map(([k, s]) => [k, s.schema])) as {
    [K in SettingName]: typeof settingsSpec[K]["schema"];
  },
).superRefine(checkJobsTopology).transform((e) => ({
  env: e.DENO_ENV,
  port: e.PORT,
  hostname: e.HOSTNAME,
  dataDir: e.DATA_DIR,
  publicUrl: e.PUBLIC_URL,
  kvPath: e.KV_PATH,
  databaseUrl: e.DATABASE_URL,
  databaseSchema: e.DATABASE_SCHEMA,
  pgliteSharedBuffers: e.PGLITE_SHARED_BUFFERS,
  kvQueues: e.KV_QUEUES,
  jobsBackend: e.JOBS_BACKEND,
  logLevel: e.LOG_LEVEL,
  sessionSecrets: e.SESSION_SECRETS,
  demoKeySecrets: e.DEMO_KEY_SECRETS,
  webhookSecrets: e.WEBHOOK_SECRETS,
  auditKeys: e.AUDIT_KEYS,
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
  siteOperators: e.SITE_OPERATORS,
  trustedProxy: e.TRUSTED_PROXY,
  clamavUrl: e.CLAMAV_URL,
  fetchAllowlist: e.FETCH_ALLOWLIST,
  sseMaxPerIp: e.SSE_MAX_PER_IP,
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
