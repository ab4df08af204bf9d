import { assert, assertEquals, assertStringIncludes } from "../support/assert.ts";
import { Client, latestMail, linkIn, signInByEmail } from "./client.ts";
import { appTest } from "./backends.ts";
import { magicLinkKey } from "../../kv/keys.ts";
import { sha256Hex } from "../../lib/auth/hash.ts";

appTest("magic link: request, outbox, confirm, single use, sessions", async (app, t) => {
  const existing = new Client(app);
  await t.step("first sign-in creates the user and a personal workspace", async () => {
    const target = await signInByEmail(existing, app, "ada@example.com", "/account?tab=1");
    assertEquals(target, "/account?tab=1");
    const page = await existing.get("/account");
    assertEquals(page.status, 200);
    assertStringIncludes(page.text, "ada@example.com");
    assertStringIncludes(page.text, "ada's workspace");
    const me = await (await existing.fetch("/api/me")).json();
    assertEquals(me.role, "owner");
    assertEquals(me.via, "session");
    assertEquals(me.workspace.slug, "ada");
  });

  await t.step("the answer is the same whether or not the address has an account", async () => {
    const known = await new Client(app).post("/signin", { email: "ada@example.com" });
    const unknown = await new Client(app).post("/signin", { email: "nobody@example.com" });
    assertEquals(known.status, 200);
    assertEquals(unknown.status, 200);
    // Per-request ids (request id, trace context) differ; nothing else may.
    const strip = (s: string, e: string) =>
      s.replaceAll(e, "EMAIL").replace(/[0-9a-f-]{36}|[0-9a-f]{16,}/g, "");
    assertEquals(strip(known.text, "ada@example.com"), strip(unknown.text, "nobody@example.com"));
    assertStringIncludes(known.text, "Check your e-mail");
  });

  await t.step("the outbox lists the mail at /dev/outbox with a clickable link", async () => {
    const proxied = await new Client(app).get("/dev/outbox");
    assertEquals(proxied.status, 404, "a request through a proxy is no local client");
    const page = await app.fetch("/dev/outbox");
    assertEquals(page.status, 200);
    const text = await page.text();
    assertStringIncludes(text, "Your Relay sign-in link");
    assert(/<a href="http:\/\/127\.0\.0\.1:\d+\/signin\/verify\?token=/.test(text));
  });

  await t.step(
    "GET only confirms; POST uses the link once; a reuse is a friendly 400",
    async () => {
      const c = new Client(app);
      await c.post("/signin", { email: "grace@example.com" });
      const link = linkIn((await latestMail(app, "grace@example.com")).text, "/signin/verify");
      const token = new URL(link).searchParams.get("token")!;
      for (let i = 0; i < 2; i++) {
        const confirm = await c.get(link);
        assertEquals(confirm.status, 200);
        assertStringIncludes(confirm.text, 'action="/signin/verify"');
      }
      const first = await c.post("/signin/verify", { token });
      assertEquals(first.status, 303);
      const again = await new Client(app).post("/signin/verify", { token });
      assertEquals(again.status, 400);
      assertStringIncludes(again.text, "This sign-in link has expired");
      const reopened = await new Client(app).get(link);
      assertEquals(reopened.status, 400);
    },
  );

  await t.step("only the hash of the token is in KV, and old links are refused", async () => {
    const c = new Client(app);
    await c.post("/signin", { email: "old@example.com" });
    const token = new URL(linkIn((await latestMail(app, "old@example.com")).text, "/signin/verify"))
      .searchParams.get("token")!;
    assertEquals((await app.services.kv.get(["magic_links", token])).value, null);
    const key = magicLinkKey(await sha256Hex(token));
    const entry = await app.services.kv.get<{ createdAt: number }>(key);
    assert(entry.value, "the hash is stored");
    await app.services.kv.set(key, { ...entry.value, createdAt: Date.now() - 16 * 60 * 1000 });
    const late = await c.post("/signin/verify", { token });
    assertEquals(late.status, 400);
    assertStringIncludes(late.text, "15 minutes");
  });

  await t.step("a bad address gets the form back with a message, not a 500", async () => {
    const res = await new Client(app).post("/signin", { email: "not-an-address" });
    assertEquals(res.status, 400);
    assertStringIncludes(res.text, "valid e-mail address");
  });

  await t.step("links per address are rate limited", async () => {
    const c = new Client(app, { "x-forwarded-for": "203.0.113.9" });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      statuses.push((await c.post("/signin", { email: "Limit@Example.com" })).status);
    }
    assertEquals(statuses.slice(0, 5), [200, 200, 200, 200, 200]);
    assertEquals(statuses[5], 429);
  });

  await t.step("open redirects are refused after sign-in", async () => {
    const attempts = [
      "//evil.example",
      "https://evil.example",
      "/\\evil.example",
      "\\\\evil.example",
      "http:evil.example",
      "/%0d%0aLocation:%20https://evil.example",
      " /dashboard",
      "javascript:alert(1)",
    ];
    for (const [i, next] of attempts.entries()) {
      const target = await signInByEmail(new Client(app), app, `redirect${i}@example.com`, next);
      assert(target.startsWith("/") && !target.startsWith("//"), `${next} -> ${target}`);
      assertEquals(new URL(target, app.url).origin, new URL(app.url).origin, next);
    }
    const ok = await signInByEmail(new Client(app), app, "redirect@example.com", "/dashboard?x=1");
    assertEquals(ok, "/dashboard?x=1");
  });
});
