import { assert, assertEquals, assertStringIncludes } from "../support/assert.ts";
import { startTestApp } from "../support/app.ts";
import { startSmtpSink } from "../support/receivers.ts";
import { generateSecret } from "../../lib/config/secrets.ts";
import { Client } from "./client.ts";

Deno.test("production: __Host- Secure session cookie, links on PUBLIC_URL, no outbox", async () => {
  const sink = await startSmtpSink();
  const app = await startTestApp({
    env: {
      DENO_ENV: "production",
      PUBLIC_URL: "https://relay.example",
      SESSION_SECRETS: generateSecret(),
      DEMO_KEY_SECRETS: generateSecret(),
      WEBHOOK_SECRETS: generateSecret(),
      AUDIT_KEYS: generateSecret(),
      SMTP_URL: sink.url,
    },
  });
  try {
    assertEquals((await new Client(app).get("/dev/outbox")).status, 404);
    const client = new Client(app);
    assertEquals((await client.post("/signin", { email: "prod@example.com" })).status, 200);
    const deadline = Date.now() + 30_000;
    while (!sink.mails.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const body = sink.mails[0].raw.replace(/=\r?\n/g, "").replaceAll("=3D", "=");
    const link = body.match(/https:\/\/relay\.example\/signin\/verify\?token=([A-Za-z0-9_-]+)/);
    assert(link, "the link uses PUBLIC_URL, never the request's Host");
    const done = await client.post("/signin/verify", { token: link[1] });
    assertEquals(done.status, 303);
    const cookie = client.setCookies.find((c) => c.name === "__Host-session")!;
    assert(cookie, "__Host-session set");
    assertEquals(cookie.attributes.secure, true);
    assertEquals(cookie.attributes.httponly, true);
    assertEquals(cookie.attributes.samesite, "Lax");
    assertEquals(cookie.attributes.path, "/");
    assertEquals(cookie.attributes.domain, undefined);
    assertEquals(client.setCookies.some((c) => c.name === "session"), false);
    const account = await client.get("/account");
    assertEquals(account.status, 200);
    assertStringIncludes(account.text, "prod@example.com");
    const plain = new Client(app);
    plain.cookies.set("session", client.cookies.get("__Host-session")!);
    assertEquals(
      (await plain.get("/account")).status,
      303,
      "the plain name is not read in production",
    );
  } finally {
    await app.stop();
    await sink.close();
  }
});
