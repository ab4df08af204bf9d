/**
 * Settings: one zod schema over the environment with per-environment defaults (`DENO_ENV`).
 * Any key `NAME` may come from `NAME_FILE`. Production fails fast listing every problem,
 * placeholder and low-entropy secrets included;
 * development and test generate missing secrets (development keeps them in DATA_DIR).
 */
import { resolveFileVars } from "./config/env.ts";
import { fillLocalSecrets } from "./config/secrets.ts";
import { weakSecretIssues } from "./config/secret_strength.ts";
import {
  applyDefaults,
  DENO_ENVS,
  type DenoEnv,
  type Settings,
  settingsSchema,
  settingsSpec,
} from "./config/spec.ts";

export {
  type DenoEnv,
  type SettingName,
  type SettingReference,
  type Settings,
  settingsReference,
  settingsSchema,
} from "./config/spec.ts";

/** Invalid or missing settings. `issues` lists every problem; none contains a secret value. */
export class SettingsError extends Error {
  /** One line per problem. */
  readonly issues: string[];
  /** Builds the error from its list of problems. */
  constructor(issues: string[]) {
    super(`Invalid settings:\n- ${issues.join("\n- ")}`);
    this.name = "SettingsError";
    this.issues = issues;
  }
}

/** Reads, defaults and validates the settings; throws {@link SettingsError} listing all issues. */
export async function loadSettings(
  env: Record<string, string | undefined> = Deno.env.toObject(),
): Promise<Settings> {
  const issues: string[] = [];
  let raw = await resolveFileVars(env, issues);
  const denoEnv: DenoEnv = (DENO_ENVS as readonly string[]).includes(raw.DENO_ENV ?? "")
    ? raw.DENO_ENV as DenoEnv
    : raw.DENO_ENV
    ? "production"
    : "development"; // invalid: be strict, the error is reported
  raw = applyDefaults(denoEnv, raw);
  if (denoEnv !== "production" && issues.length === 0) {
    try {
      raw = await fillLocalSecrets(raw, denoEnv === "development" ? raw.DATA_DIR : undefined);
    } catch (err) {
      issues.push((err as Error).message);
    }
  }
  if (denoEnv === "production") {
    issues.push(...weakSecretIssues({ ...raw, DENO_KV_ACCESS_TOKEN: env.DENO_KV_ACCESS_TOKEN }));
  }
  const result = settingsSchema.safeParse(raw);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const name = String(issue.path[0] ?? "");
      const inProduction = (settingsSpec[name as keyof typeof settingsSpec]?.requiredIn as string[])
        ?.includes(denoEnv);
      const missing = raw[name] === undefined;
      issues.push(
        missing && inProduction
          ? `${name} is required in ${denoEnv}`
          : issue.message.startsWith(name)
          ? issue.message
          : `${name}: ${issue.message}`,
      );
    }
  }
  if (issues.length > 0) throw new SettingsError(issues);
  return result.data!;
}

/** Every setting the table marks secret, by its settings field (`SLACK_WEBHOOK_URL` -> ...Url). */
const SECRET_SETTINGS = Object.entries(settingsSpec)
  .filter(([name, spec]) => spec.secret && name !== "DATABASE_URL")
  .map(([name]) => name.toLowerCase().replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()));

/** A copy safe to log: secrets become "[redacted]", a database URL loses its password. */
export function redact(settings: Settings): Record<string, unknown> {
  const out = redactNested(settings) as Record<string, unknown>;
  for (const k of SECRET_SETTINGS) {
    if (out[k] !== undefined && out[k] !== null) out[k] = "[redacted]";
  }
  return out;
}

/** Secret-looking names inside nested settings objects (e.g. `hcaptcha.secret`). */
const SECRET_NAME = /secret|password|pass$|token|api_?key/i;

/** Deep copy with secret-named fields redacted and URL passwords removed. */
function redactNested(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactNested);
  if (typeof value === "string") {
    if (!/^[a-z][a-z0-9+.-]*:\/\/[^/]*@/i.test(value) || !URL.canParse(value)) return value;
    const u = new URL(value);
    if (u.password) u.password = "redacted";
    return u.href;
  }
  if (!value || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map((
      [k, v],
    ) => [k, SECRET_NAME.test(k) && v != null ? "[redacted]" : redactNested(v)]),
  );
}
