/**
 * No secret value ever appears in a log line, a response body or a response header: the app is
 * started with distinctive secrets (some from NAME_FILE), driven through a representative set
 * of requests (pages, errors, sign-in, OAuth, a real run against a fake provider, leads, mail
 * and captcha failures, metrics), and every captured log line and response is searched.
 */
import { assert, assertEquals } from "../support/assert.ts";
import { startTestApp } from "../support/app.ts";
import { startFakeOpenAi, textChunks } from "../support/fake_openai.ts";
import { setLogSink } from "../../lib/telemetry/log.ts";
import { generateSecret } from "../../lib/config/secrets.ts";

function closedPort(): number {
  const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = l.addr.port;
  l.close();
  return port;
}

Deno.test("no configured secret appears in any log line, response body or header", async () => {
  const s = (tag: string) => `${tag}-${generateSecret()}`;
  const secrets = {
    sessionNew: s("sessnew"),
    sessionOld: s("sessold"),
    demo: s("demokey"),
    webhook: s("webhook"),
    audit: s("auditkey"),
    openai: s("sk-test"),
    metrics: s("metrics"),
    hcaptcha: s("hcaptcha"),
    smtp: s("smtppass"),
    github: s("ghsecret"),
    slackPath: s("slackhook"),
    crmPath: s("crmhook"),
  };
  const dir = await Deno.makeTempDir();
  await Deno.writeTextFile(`${dir}/session`, `${secrets.sessionNew},${secrets.sessionOld}\n`);
  await Deno.writeTextFile(`${dir}/openai`, secrets.openai);
  const fake = startFakeOpenAi();
  fake.fallback = () => ({ kind: "stream", chunks: textChunks(["A short", " answer."]) });
  const dead = closedPort();
  const lines: string[] = [];
  const restore = setLogSink((line) => lines.push(line));
  const app = await startTestApp({
    env: {
      LOG_LEVEL: "debug",
      SESSION_SECRETS_FILE: `${dir}/session`,
      DEMO_KEY_SECRETS: secrets.demo,
      WEBHOOK_SECRETS: secrets.webhook,
      AUDIT_KEYS: secrets.audit,
      OPENAI_API_KEY_FILE: `${dir}/openai`,
      OPENAI_BASE_URL: fake.baseURL,
      METRICS_TOKEN: secrets.metrics,
      HCAPTCHA_SITEKEY: "10000000-ffff-ffff-ffff-000000000001",
      HCAPTCHA_SECRET: secrets.hcaptcha,
      HCAPTCHA_VERIFY_URL: `http://127.0.0.1:${dead}/siteverify`,
      SMTP_HOST: "127.0.0.1",
      SMTP_PORT: String(dead),
      SMTP_USER: "relay",
      SMTP_PASS: secrets.smtp,
      GITHUB_CLIENT_ID: "gh-client-id",
      GITHUB_CLIENT_SECRET: secrets.github,
      GITHUB_BASE_URL: `http://127.0.0.1:${dead}`,
      GITHUB_API_URL: `http://127.0.0.1:${dead}`,
      CRM_WEBHOOK_URL: `http://127.0.0.1:${dead}/crm/${secrets.crmPath}`,
      SLACK_WEBHOOK_URL: `http://127.0.0.1:${dead}/services/${secrets.slackPath}`,
    },
  });
  const seen: string[] = [];
  const record = async (res: Response, what: string) => {
    const type = res.headers.get("content-type") ?? "";
    const body = type.includes("event-stream") ? (await res.body?.cancel(), "") : await res.text();
    seen.push(`${what} ${res.status} ${[...res.headers].flat().join(" ")}\n${body}`);
    return body;
  };
  try {
    const same = { origin: app.url };
    const get = (p: string, headers: HeadersInit = {}) =>
      app.fetch(p, { headers, redirect: "manual" }).then((r) => record(r, `GET ${p}`));
    const post = (p: string, body: BodyInit, type: string, headers: HeadersInit = {}) =>
      app.fetch(p, {
        method: "POST",
        body,
        headers: { "content-type": type, ...same, ...headers },
        redirect: "manual",
      }).then((r) => record(r, `POST ${p}`));

    for (
      const p of [
        "/",
        "/pricing",
        "/platform",
        "/docs",
        "/docs/configuration",
        "/contact",
        "/signin",
        "/dashboard",
        "/account",
        "/readyz",
        "/healthz",
        "/no-such-page",
        "/api/no-such-endpoint",
        "/metrics",
        "/api/agents",
        "/auth/github",
        "/auth/github/callback?code=abc&state=forged",
        "/auth/nope",
      ]
    ) await get(p);
    await get("/metrics", { authorization: "Bearer wrong" });
    await get("/metrics", { authorization: `Bearer ${secrets.metrics}` });
    await post("/signin", "email=someone%40example.com", "application/x-www-form-urlencoded");
    await post("/api/leads", JSON.stringify({ name: "x" }), "application/json");
    await post(
      "/api/leads",
      JSON.stringify({
        name: "Ada",
        email: "ada@example.com",
        company: "A",
        message: "Hello there, a real message.",
        consent: true,
        captcha: "bogus-hcaptcha-response",
      }),
      "application/json",
    );
    await post("/api/csp-reports", JSON.stringify({ "csp-report": {} }), "application/csp-report");
    await post("/api/runs", "{bad json", "application/json");
    const agents = JSON.parse(await get("/api/agents")).agents;
    const runRes = await app.fetch("/api/runs", {
      method: "POST",
      headers: { "content-type": "application/json", ...same },
      body: JSON.stringify({ agent: agents[0].id, input: agents[0].example }),
    });
    const visitor = { cookie: (runRes.headers.get("set-cookie") ?? "").split(";")[0] };
    const started = JSON.parse(await record(runRes, "POST /api/runs"));
    assert(started.runId, JSON.stringify(started));
    const stream = await app.fetch(`/api/runs/${started.runId}/stream`, { headers: visitor });
    seen.push(await stream.text());
    await get(`/api/runs/${started.runId}`, visitor);
    assert(fake.requests.length >= 1, `the run reached the provider: ${seen.at(-2)}`);
    await new Promise((r) => setTimeout(r, 300));
  } finally {
    await app.stop();
    restore();
    await fake.close();
    await Deno.remove(dir, { recursive: true });
  }
  assert(lines.some((l) => l.includes('"msg":"started"')), "the start-up line was captured");
  assert(lines.length > 20, `captured ${lines.length} log lines`);
  const haystacks = [...lines.map((l) => ["log", l]), ...seen.map((r) => ["response", r])];
  const leaks: string[] = [];
  for (const [name, value] of Object.entries(secrets)) {
    for (const [kind, text] of haystacks) {
      if (text.includes(value)) leaks.push(`${name} in ${kind}: ${text.slice(0, 200)}`);
    }
  }
  assertEquals(leaks, []);
});
