/**
 * Issue 14 item 11: in development, the e-mailed sign-in link was built from the request's Host
 * header (`Host: evil.example` mailed a link to evil.example). Links use the configured public
 * origin in every environment, and the development outbox answers local clients only.
 */
import { assert, assertEquals, assertStringIncludes } from "../support/assert.ts";
import { startTestApp } from "../support/app.ts";
import { isLoopbackIp } from "../../lib/security/client_ip.ts";
import { sendRaw } from "../fuzz/raw_http.ts";

async function outboxText(app: { fetch: (p: string, i?: RequestInit) => Promise<Response> }) {
  const res = await app.fetch("/dev/outbox", { headers: { accept: "application/json" } });
  assertEquals(res.status, 200);
  const { emails } = await res.json() as { emails: { to: string; text: string }[] };
  return emails;
}

Deno.test("development: a sign-in link uses PUBLIC_URL, whatever Host the request names", async () => {
  const dataDir = await Deno.makeTempDir();
  const app = await startTestApp({
    env: { DENO_ENV: "development", DATA_DIR: dataDir, PUBLIC_URL: "http://localhost:4321" },
  });
  try {
    const status = await sendRaw(Number(new URL(app.url).port), {
      method: "POST",
      target: "/signin",
      headers: [["host", "evil.example"], ["content-type", "application/x-www-form-urlencoded"]],
      body: new TextEncoder().encode("email=host%40example.com"),
    });
    assertEquals(status, 200);
    const mail = (await outboxText(app)).find((m) => m.to === "host@example.com");
    assert(mail, "the link was mailed");
    assertStringIncludes(mail.text, "http://localhost:4321/signin/verify?token=");
    assert(!mail.text.includes("evil.example"), mail.text);
  } finally {
    await app.stop();
    await Deno.remove(dataDir, { recursive: true });
  }
});

Deno.test("test apps on PORT=0 link to the address they listen on", async () => {
  const app = await startTestApp();
  try {
    assertEquals(app.services.settings.publicUrl, app.url);
  } finally {
    await app.stop();
  }
});

Deno.test("the development outbox answers loopback clients that came through no proxy", async () => {
  const app = await startTestApp({ env: { TRUSTED_PROXY: "true" } });
  try {
    await outboxText(app);
    for (const header of ["x-forwarded-for", "forwarded"]) {
      const value = header === "forwarded" ? "for=203.0.113.7" : "203.0.113.7";
      const res = await app.fetch("/dev/outbox", { headers: { [header]: value } });
      await res.body?.cancel();
      assertEquals(res.status, 404, header);
    }
  } finally {
    await app.stop();
  }
  for (const ip of ["127.0.0.1", "127.8.9.10", "::1", "::ffff:127.0.0.1", "[::1]"]) {
    assert(isLoopbackIp(ip), ip);
  }
  for (const ip of ["10.0.0.1", "203.0.113.7", "::2", "fe80::1", "0.0.0.0", "", undefined]) {
    assert(!isLoopbackIp(ip), String(ip));
  }
});
