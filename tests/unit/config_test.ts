import assert from "node:assert/strict";
import { loadSettings, redact, SettingsError, settingsReference } from "../../lib/config.ts";
import { generateSecret } from "../../lib/config/secrets.ts";

const KEY_A = generateSecret();
const KEY_B = generateSecret();
const PROD_OK = {
  DENO_ENV: "production",
  PUBLIC_URL: "https://agents.example/",
  SESSION_SECRETS: `${KEY_A},${KEY_B}`,
  DEMO_KEY_SECRETS: KEY_A,
  WEBHOOK_SECRETS: KEY_B,
  AUDIT_KEYS: generateSecret(),
};

async function settingsError(env: Record<string, string | undefined>): Promise<SettingsError> {
  const err = await loadSettings(env).then(() => null, (e) => e);
  assert.ok(err instanceof SettingsError, `expected SettingsError, got ${err}`);
  return err;
}

Deno.test("development defaults, secrets generated and persisted (0600) across restarts", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const env = { DATA_DIR: `${dir}/data` };
    const s = await loadSettings(env);
    assert.equal(s.env, "development");
    assert.equal(s.port, 8000);
    assert.equal(s.hostname, "localhost");
    assert.equal(s.publicUrl, "http://localhost:8000");
    assert.equal(s.kvPath, `${dir}/data/kv.sqlite3`);
    assert.equal(s.databaseUrl, undefined);
    assert.equal(s.databaseSchema, "public");
    assert.equal(s.logLevel, "info");
    assert.equal(s.openaiModel, "gpt-4o-mini");
    assert.equal(s.trustedProxy, false);
    for (const list of [s.sessionSecrets, s.demoKeySecrets, s.webhookSecrets, s.auditKeys]) {
      assert.equal(list.length, 1);
      assert.match(list[0], /^[A-Za-z0-9_-]{64}$/);
    }
    assert.notEqual(s.sessionSecrets[0], s.demoKeySecrets[0]);
    const file = `${dir}/data/secrets.json`;
    assert.equal((await Deno.stat(file)).mode! & 0o777, 0o600);
    const again = await loadSettings(env);
    assert.deepEqual(again.sessionSecrets, s.sessionSecrets);
    assert.deepEqual(again.webhookSecrets, s.webhookSecrets);
    // An explicit value wins over the stored one.
    const explicit = await loadSettings({ ...env, SESSION_SECRETS: KEY_A });
    assert.deepEqual(explicit.sessionSecrets, [KEY_A]);
    assert.deepEqual(explicit.demoKeySecrets, s.demoKeySecrets);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("test environment keeps generated secrets in memory only", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const a = await loadSettings({ DENO_ENV: "test", DATA_DIR: dir, PORT: "9100" });
    const b = await loadSettings({ DENO_ENV: "test", DATA_DIR: dir });
    assert.equal(a.logLevel, "warn");
    assert.equal(a.publicUrl, "http://localhost:9100");
    assert.notDeepEqual(a.sessionSecrets, b.sessionSecrets);
    assert.deepEqual([...Deno.readDirSync(dir)], []);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("production lists every missing value at once", async () => {
  const err = await settingsError({ DENO_ENV: "production" });
  const required = ["PUBLIC_URL", "SESSION_SECRETS", "DEMO_KEY_SECRETS", "WEBHOOK_SECRETS"];
  for (const name of [...required, "AUDIT_KEYS"]) {
    assert.ok(err.issues.includes(`${name} is required in production`), err.message);
  }
  assert.equal(err.issues.length, 5, err.message);
  for (const issue of err.issues) assert.ok(err.message.includes(issue));
});

Deno.test("production with every value set", async () => {
  const s = await loadSettings({ ...PROD_OK, TRUSTED_PROXY: "yes", PORT: "8080" });
  assert.equal(s.hostname, "0.0.0.0");
  assert.equal(s.port, 8080);
  assert.equal(s.publicUrl, "https://agents.example");
  assert.deepEqual(s.sessionSecrets, [KEY_A, KEY_B]);
  assert.equal(s.logLevel, "info");
  assert.equal(s.trustedProxy, true);
});

Deno.test("bad values are all reported, and secret values never appear", async () => {
  const short = "s3cr3t-too-short-value";
  const err = await settingsError({
    ...PROD_OK,
    SESSION_SECRETS: `${KEY_A},${short}`,
    OPENAI_API_KEY: "sk-should-never-leak",
    PORT: "eighty",
    LOG_LEVEL: "loud",
    DATABASE_URL: "mysql://user:hunter2@db/app",
    TRUSTED_PROXY: "maybe",
    DATABASE_SCHEMA: "Bad-Schema",
    PUBLIC_URL: "not a url",
  });
  const names = ["SESSION_SECRETS", "PORT", "LOG_LEVEL", "DATABASE_URL", "TRUSTED_PROXY"];
  for (const name of [...names, "DATABASE_SCHEMA", "PUBLIC_URL"]) {
    assert.ok(err.issues.some((i) => i.startsWith(name)), `${name} missing in ${err.message}`);
  }
  assert.ok(
    err.issues.includes("SESSION_SECRETS: key 2 is 22 characters; each must be at least 32"),
  );
  for (const secret of [short, KEY_A, KEY_B, "hunter2", "sk-should-never-leak"]) {
    assert.ok(!err.message.includes(secret), `secret leaked: ${err.message}`);
    assert.ok(!JSON.stringify(err.issues).includes(secret));
  }
});

Deno.test("invalid DENO_ENV is reported", async () => {
  const err = await settingsError({ ...PROD_OK, DENO_ENV: "staging" });
  assert.deepEqual(err.issues, ["DENO_ENV must be development, test or production"]);
});

Deno.test("NAME_FILE supplies values (trimmed); unreadable or doubled ones are errors", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/session`, `  ${KEY_B},${KEY_A}\n`);
    await Deno.writeTextFile(`${dir}/url`, "https://from-file.example\n");
    const s = await loadSettings({
      ...PROD_OK,
      SESSION_SECRETS: undefined,
      SESSION_SECRETS_FILE: `${dir}/session`,
      PUBLIC_URL_FILE: `${dir}/url`,
      PUBLIC_URL: "",
    });
    assert.deepEqual(s.sessionSecrets, [KEY_B, KEY_A]);
    assert.equal(s.publicUrl, "https://from-file.example");

    const err = await settingsError({
      ...PROD_OK,
      DEMO_KEY_SECRETS: undefined,
      DEMO_KEY_SECRETS_FILE: `${dir}/absent`,
      WEBHOOK_SECRETS_FILE: `${dir}/session`,
    });
    assert.ok(
      err.issues.includes(`DEMO_KEY_SECRETS_FILE: cannot read ${dir}/absent (file not found)`),
    );
    assert.ok(
      err.issues.includes("WEBHOOK_SECRETS and WEBHOOK_SECRETS_FILE are both set; set only one"),
    );
    assert.ok(!err.message.includes(KEY_A));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("KV_PATH: memory, Deploy (empty or DENO_DEPLOYMENT_ID), URL", async () => {
  const base = { DENO_ENV: "test" };
  const remote = { ...base, DATABASE_URL: "postgres://app@db:5432/app" };
  assert.equal((await loadSettings({ ...base, KV_PATH: ":memory:" })).kvPath, ":memory:");
  assert.equal((await loadSettings({ ...remote, KV_PATH: "" })).kvPath, "deploy");
  assert.equal((await loadSettings({ ...remote, DENO_DEPLOYMENT_ID: "abc" })).kvPath, "deploy");
  const url = "https://kv.example:4512";
  assert.equal((await loadSettings({ ...remote, KV_PATH: url })).kvPath, url);
  const memory = await loadSettings({ ...base, DATABASE_URL: "memory://" });
  assert.equal(memory.databaseUrl, "memory://");
});

Deno.test("jobs backend: KV queues where the KV has them, PostgreSQL where it has none", async () => {
  const base = { DENO_ENV: "test" };
  const file = await loadSettings({ ...base, KV_PATH: ":memory:" });
  assert.equal(file.jobsBackend, "kv");
  assert.equal(file.kvQueues, true);
  const pg = "postgres://app@db:5432/app";
  for (const KV_PATH of ["", "http://denokv:4512"]) {
    const s = await loadSettings({ ...base, KV_PATH, DATABASE_URL: pg });
    assert.equal(s.kvQueues, false);
    assert.equal(s.jobsBackend, "postgres");
  }
  const chosen = await loadSettings({
    ...base,
    KV_PATH: ":memory:",
    JOBS_BACKEND: "postgres",
    DATABASE_URL: pg,
  });
  assert.equal(chosen.jobsBackend, "postgres");
});

Deno.test("jobs that would be dropped: the app refuses to start and says why", async () => {
  const base = { DENO_ENV: "test" };
  const cases: [Record<string, string>, string][] = [
    [
      { KV_PATH: "http://denokv:4512" },
      "JOBS_BACKEND is kv but the KV at http://denokv:4512 has no queues",
    ],
    [{ KV_PATH: "" }, "JOBS_BACKEND is kv but Deno Deploy's KV has no queues"],
    [{ KV_PATH: ":memory:", KV_QUEUES: "false" }, "set DATABASE_URL to a PostgreSQL server"],
    [
      { KV_PATH: ":memory:", JOBS_BACKEND: "postgres" },
      "JOBS_BACKEND is postgres but DATABASE_URL",
    ],
    [
      { KV_PATH: "http://denokv:4512", KV_QUEUES: "true", DATABASE_URL: "postgres://db/app" },
      "KV_QUEUES is true but",
    ],
  ];
  for (const [env, expected] of cases) {
    const err = await loadSettings({ ...base, ...env }).then(() => null, (e) => e);
    assert.ok(err instanceof SettingsError, JSON.stringify(env));
    assert.ok(err.message.includes(expected), err.message);
  }
});

const METRICS = generateSecret();

Deno.test("redact hides secrets and the database password", async () => {
  const s = await loadSettings({
    ...PROD_OK,
    OPENAI_API_KEY: "sk-live-123",
    METRICS_TOKEN: METRICS,
    DATABASE_URL: "postgres://app:hunter2@db:5432/app",
  });
  const r = redact(s);
  const text = JSON.stringify(r);
  for (const secret of [KEY_A, KEY_B, "sk-live-123", METRICS, "hunter2"]) {
    assert.ok(!text.includes(secret), `leaked ${secret}`);
  }
  assert.equal(r.sessionSecrets, "[redacted]");
  assert.equal(r.openaiApiKey, "[redacted]");
  assert.equal(r.databaseUrl, "postgres://app:redacted@db:5432/app");
  assert.equal(r.publicUrl, "https://agents.example");
  assert.equal(s.openaiApiKey, "sk-live-123", "redact must not modify its input");
});

Deno.test("settingsReference documents every key", () => {
  const names = settingsReference.map((r) => r.name);
  for (
    const name of [
      "DENO_ENV",
      "PORT",
      "HOSTNAME",
      "DATA_DIR",
      "PUBLIC_URL",
      "KV_PATH",
      "DATABASE_URL",
      "DATABASE_SCHEMA",
      "KV_QUEUES",
      "JOBS_BACKEND",
      "LOG_LEVEL",
      "SESSION_SECRETS",
      "DEMO_KEY_SECRETS",
      "WEBHOOK_SECRETS",
      "OPENAI_API_KEY",
      "OPENAI_BASE_URL",
      "OPENAI_MODEL",
      "METRICS_TOKEN",
      "TRUSTED_PROXY",
    ]
  ) assert.ok(names.includes(name as never), name);
  assert.equal(new Set(names).size, names.length);
  for (const r of settingsReference) assert.ok(r.description.length > 10, r.name);
  const secrets = settingsReference.filter((r) => r.secret).map((r) => r.name);
  for (const name of ["SESSION_SECRETS", "OPENAI_API_KEY", "METRICS_TOKEN", "DATABASE_URL"]) {
    assert.ok(secrets.includes(name as never), `${name} is marked secret`);
  }
  const required = settingsReference.filter((r) => r.requiredIn.includes("production"));
  assert.deepEqual(required.map((r) => r.name).sort(), [
    "AUDIT_KEYS",
    "DEMO_KEY_SECRETS",
    "PUBLIC_URL",
    "SESSION_SECRETS",
    "WEBHOOK_SECRETS",
  ]);
});

/** Values of ops/compose/example.env that only the operations stack reads, not the app. */
const OPERATIONS_ONLY = ["ALERT_WEBHOOK_URL", "GRAFANA_ADMIN_PASSWORD"];

/** The values of ops/compose/example.env that stand for the app's secrets (not URLs, blanks). */
async function exampleEnvSecrets(): Promise<Record<string, string>> {
  const text = await Deno.readTextFile(new URL("../../ops/compose/example.env", import.meta.url));
  const pairs = text.split("\n").filter((l) => /^[A-Z_]+=./.test(l)).map((l) => l.split("="));
  return Object.fromEntries(
    pairs.filter(([name]) => name !== "PUBLIC_URL" && !OPERATIONS_ONLY.includes(name)),
  );
}

Deno.test("production refuses every example value of ops/compose/example.env, listing each", async () => {
  const example = await exampleEnvSecrets();
  assert.ok(Object.keys(example).length >= 6, "example.env has its placeholders");
  const err = await settingsError({
    ...PROD_OK,
    ...example,
    DATABASE_URL: `postgres://relay:${example.POSTGRES_PASSWORD}@postgres:5432/relay`,
    POSTGRES_PASSWORD: undefined,
  });
  for (const name of Object.keys(example)) {
    const setting = name === "POSTGRES_PASSWORD" ? "DATABASE_URL" : name;
    assert.ok(
      err.issues.some((i) => i.startsWith(setting)),
      `${setting} not refused: ${err.message}`,
    );
  }
  assert.ok(
    err.issues.includes(
      "METRICS_TOKEN: key 1 is an example value from the docs; generate one with `openssl rand -base64 48`",
    ),
    err.message,
  );
  for (const value of Object.values(example)) {
    assert.ok(!err.issues.some((i) => i.includes(value)), `value echoed: ${err.message}`);
  }
});

Deno.test("production refuses placeholder and low-entropy keys that pass the length check", async () => {
  const weak: Record<string, string> = {
    repeated: "s".repeat(40),
    pattern: "abc123".repeat(7),
    sequence: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN",
    word: "my-super-secret-session-key-for-production-1",
    changeMe: "CHANGE_ME_please_to_a_random_string_now!",
    fewDistinct: "abababababababababababababababababcdcdcdcd",
  };
  for (const [label, value] of Object.entries(weak)) {
    assert.ok(value.length >= 32, label);
    const err = await settingsError({ ...PROD_OK, SESSION_SECRETS: `${KEY_A},${value}` });
    assert.equal(err.issues.length, 1, `${label}: ${err.message}`);
    assert.match(err.issues[0], /^SESSION_SECRETS: key 2 /, label);
    assert.ok(!err.message.includes(value), `${label} echoed`);
  }
  const many = await settingsError({
    ...PROD_OK,
    DEMO_KEY_SECRETS: weak.repeated,
    WEBHOOK_SECRETS: weak.word,
    METRICS_TOKEN: "change-me",
  });
  assert.deepEqual(many.issues.map((i) => i.split(":")[0]).sort(), [
    "DEMO_KEY_SECRETS",
    "METRICS_TOKEN",
    "WEBHOOK_SECRETS",
  ]);
});

Deno.test("generated keys (base64 and hex) pass the strength check in production", async () => {
  for (let i = 0; i < 50; i++) {
    const hex = [...crypto.getRandomValues(new Uint8Array(32))]
      .map((b) => b.toString(16).padStart(2, "0")).join("");
    const s = await loadSettings({ ...PROD_OK, SESSION_SECRETS: `${generateSecret()},${hex}` });
    assert.equal(s.sessionSecrets.length, 2);
  }
});
