/** Settings rows: the server, storage, signing keys and the model provider. */
import { z } from "zod";
import { isRemoteKv } from "../../../kv/remote.ts";
import { DENO_ENVS, optional, secretList, type Spec, url } from "../spec_kit.ts";

/** The server, storage, signing keys and the model provider. */
export const coreSettings = {
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
    defaultDoc:
      "http://localhost:PORT in development and test (PORT=0: the address the server listens on)",
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
  PGLITE_SHARED_BUFFERS: {
    description:
      "Shared buffers of the embedded PGlite database (used without DATABASE_URL). PostgreSQL's " +
      "own default, 128MB, keeps about 130 MB more resident memory; the embedded data of one " +
      "site fits the smaller default.",
    defaultDoc: "16MB",
    default: () => "16MB",
    secret: false,
    requiredIn: [],
    schema: z.string().regex(/^[1-9][0-9]{0,5}(kB|MB|GB)$/, {
      message: "PGLITE_SHARED_BUFFERS must be a size such as 16MB, 512kB or 1GB",
    }),
  },
  KV_QUEUES: {
    description:
      "Whether the KV carries queues: true for a local file or memory; KV Connect (denokv) " +
      'and the new Deno Deploy have none. "false" makes a KV file refuse queues as they do.',
    defaultDoc: 'true, "false" for "deploy" or a KV Connect URL',
    default: (_env, raw) => isRemoteKv(raw.KV_PATH ?? "") ? "false" : "true",
    secret: false,
    requiredIn: [],
    schema: z.enum(["true", "false"], { error: "KV_QUEUES must be true or false" })
      .transform((v) => v === "true"),
  },
  JOBS_BACKEND: {
    description: 'Where jobs and schedules run: "kv" (KV queues and Deno.cron, one KV file) or ' +
      '"postgres" (graphile-worker on DATABASE_URL; replicas, denokv, Deno Deploy).',
    defaultDoc: '"kv" when KV_QUEUES, else "postgres" when DATABASE_URL names a server',
    default: (_env, raw) =>
      raw.KV_QUEUES === "false" && /^postgres(ql)?:\/\//.test(raw.DATABASE_URL ?? "")
        ? "postgres"
        : "kv",
    secret: false,
    requiredIn: [],
    schema: z.enum(["kv", "postgres"], { error: "JOBS_BACKEND must be kv or postgres" }),
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
  AUDIT_KEYS: {
    description:
      "Comma-separated keys sealing the audit chain (HMAC-SHA256), newest first (>= 32 chars " +
      "each); keep old keys listed while rows sealed with them must verify.",
    defaultDoc: "generated in development (kept in DATA_DIR/secrets.json) and test",
    secret: true,
    requiredIn: ["production"],
    schema: secretList("AUDIT_KEYS"),
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
} satisfies Record<string, Spec>;
