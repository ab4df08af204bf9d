import { assert, assertEquals } from "../support/assert.ts";
import { loadSettings, redact, SettingsError } from "../../lib/config.ts";
import { configuredProviders } from "../../lib/auth/oauth/providers.ts";

const base = { DENO_ENV: "test", KV_PATH: ":memory:", DATABASE_URL: "memory://" };

Deno.test("account settings: secrets are redacted from logs", async () => {
  const values = {
    SMTP_URL: "smtp://relay:smtp-password-1@127.0.0.1:2525",
    SMTP_PASS: "smtp-password-2",
    GITHUB_CLIENT_SECRET: "github-secret-value",
    GOOGLE_CLIENT_SECRET: "google-secret-value",
    OIDC_CLIENT_SECRET: "oidc-secret-value",
  };
  const settings = await loadSettings({ ...base, ...values });
  const logged = JSON.stringify(redact(settings));
  for (const secret of ["smtp-password-1", "smtp-password-2", ...Object.values(values).slice(2)]) {
    assert(!logged.includes(secret), `${secret} leaked`);
  }
});

Deno.test("providers appear only when configured; bad values are listed", async () => {
  assertEquals(configuredProviders(await loadSettings(base)), []);
  const all = await loadSettings({
    ...base,
    GITHUB_CLIENT_ID: "gh",
    GITHUB_CLIENT_SECRET: "ghs",
    GOOGLE_CLIENT_ID: "go",
    GOOGLE_CLIENT_SECRET: "gos",
    OIDC_ISSUER: "https://login.example.com/",
    OIDC_CLIENT_ID: "oi",
  });
  const providers = configuredProviders(all);
  assertEquals(providers.map((p) => p.id), ["github", "google", "oidc"]);
  assertEquals(providers.map((p) => p.label), ["GitHub", "Google", "Single sign-on"]);
  assertEquals(all.oidcIssuer, "https://login.example.com");
  assertEquals(all.githubBaseUrl, "https://github.com");
  assertEquals(all.smtpFrom, "Relay <no-reply@localhost>");
  const error = await loadSettings({
    ...base,
    SMTP_URL: "http://mail.example.com",
    OIDC_ISSUER: "not a url",
    SMTP_PORT: "99999",
  }).catch((e) => e);
  assert(error instanceof SettingsError);
  assertEquals(error.issues.length, 3, error.issues.join("\n"));
});
