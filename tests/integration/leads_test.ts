import { issueFormToken } from "../../lib/leads/form_token.ts";
import { readLast } from "../../lib/realtime/event_log.ts";
import { PUBLIC_FEED } from "../../lib/tracking/feeds.ts";
import {
  assert,
  assertEquals,
  assertNotIncludes,
  assertStringIncludes,
} from "../support/assert.ts";
import { startTestApp, type TestApp } from "../support/app.ts";
import { eventually, GOOD_LEAD, oldToken, solvedAltcha } from "../support/leads.ts";

let ip = 0;
/** Each request from its own client address, so the per-IP lead rate limit stays out of the way. */
const fresh = () => ({ "x-forwarded-for": `198.51.100.${++ip}` });

async function postJson(app: TestApp, body: unknown, headers: Record<string, string> = {}) {
  const res = await app.fetch("/api/leads", {
    method: "POST",
    headers: { "content-type": "application/json", ...fresh(), ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

async function leadCount(app: TestApp, where = "true", params: unknown[] = []) {
  const [row] = await app.services.db.query<{ n: number }>(
    `select count(*)::int as n from leads where ${where}`,
    params,
  );
  return row.n;
}

Deno.test("lead capture (ALTCHA, honeypot, fill time, idempotency)", async (t) => {
  const app = await startTestApp({ env: { TRUSTED_PROXY: "true", LEAD_MIN_FILL_SECONDS: "2" } });
  try {
    await t.step("the Contact page renders one h1 and a working plain form", async () => {
      const res = await app.fetch("/contact");
      assertEquals(res.status, 200);
      const html = await res.text();
      assertEquals(html.match(/<h1[\s>]/g)?.length, 1);
      assertStringIncludes(html, 'action="/contact"');
      assertStringIncludes(html, 'method="post"');
      assertStringIncludes(html, 'name="formToken"');
      assertStringIncludes(html, 'name="website"');
      assertNotIncludes(html, "style=");
    });

    await t.step("validation errors come back per field", async () => {
      const formToken = await oldToken(app.services);
      const { status, body } = await postJson(app, {
        name: "",
        email: "not-an-email",
        message: "short",
        formToken,
        captcha: "x",
      });
      assertEquals(status, 422);
      assertEquals(body.error.code, "validation_failed");
      assertEquals(body.error.details.fields, {
        name: "Please tell us your name.",
        email: "Please enter an email address like name@company.com.",
        message: "Please write at least 10 characters so we know how to help.",
        consent: "Please agree so we can reply to you.",
      });
    });

    await t.step(
      "a real ALTCHA solution is accepted; a wrong or reused one is refused",
      async () => {
        const fetchFn = (p: string) => app.fetch(p);
        const captcha = await solvedAltcha(fetchFn);
        const formToken = await oldToken(app.services);
        const ok = await postJson(app, { ...GOOD_LEAD, formToken, captcha });
        assertEquals(ok.status, 202);
        assertEquals(ok.body.duplicate, false);
        const reused = await postJson(app, {
          ...GOOD_LEAD,
          formToken: await oldToken(app.services),
          captcha,
        });
        assertEquals(reused.status, 403);
        assertEquals(reused.body.error.code, "captcha_failed");
        const wrong = await postJson(app, {
          ...GOOD_LEAD,
          formToken: await oldToken(app.services),
          captcha: await solvedAltcha(fetchFn, { wrong: true }),
        });
        assertEquals(wrong.status, 403);
        const missing = await postJson(app, {
          ...GOOD_LEAD,
          formToken: await oldToken(app.services),
        });
        assertEquals(missing.status, 403);
        await eventually(async () => (await leadCount(app)) === 1, 30_000, "the lead row");
        const [lead] = await app.services.db.query<{ verification: string; email: string }>(
          "select verification, email from leads",
        );
        assertEquals(lead, { verification: "altcha", email: GOOD_LEAD.email });
      },
    );

    await t.step("the honeypot and too-fast submissions are refused clearly", async () => {
      const bot = await postJson(app, {
        ...GOOD_LEAD,
        website: "http://spam.example",
        formToken: await oldToken(app.services),
        captcha: await solvedAltcha((p) => app.fetch(p)),
      });
      assertEquals(bot.status, 403);
      assertEquals(bot.body.error.code, "spam_refused");
      const fast = await postJson(app, {
        ...GOOD_LEAD,
        formToken: await issueFormToken(app.services.settings),
        captcha: "unused",
      });
      assertEquals(fast.status, 429);
      assertEquals(fast.body.error.code, "too_fast");
      const forged = await postJson(app, { ...GOOD_LEAD, formToken: "abc.def", captcha: "x" });
      assertEquals(forged.status, 400);
      assertEquals(forged.body.error.code, "form_expired");
      assert(forged.body.error.details.formToken, "a fresh token comes back");
    });

    await t.step("a double submit (same Idempotency-Key, at once) makes one lead", async () => {
      const before = await leadCount(app);
      const formToken = await oldToken(app.services);
      const key = crypto.randomUUID();
      const captcha = await solvedAltcha((p) => app.fetch(p));
      const body = { ...GOOD_LEAD, email: "double@submit.example", formToken, captcha };
      const [a, b] = await Promise.all([
        postJson(app, body, { "idempotency-key": key }),
        postJson(app, body, { "idempotency-key": key }),
      ]);
      assertEquals([a.status, b.status], [202, 202]);
      assertEquals(a.body.leadId, b.body.leadId);
      assertEquals([a.body.duplicate, b.body.duplicate].sort(), [false, true]);
      await eventually(async () => (await leadCount(app)) === before + 1, 30_000, "one lead");
      await new Promise((r) => setTimeout(r, 300));
      assertEquals(await leadCount(app, "email = $1", ["double@submit.example"]), 1);
    });

    await t.step(
      "with JavaScript off: errors re-render with what was typed; success redirects",
      async () => {
        const formToken = await oldToken(app.services);
        const typed = new URLSearchParams({
          name: "Grace <Hopper>",
          email: "grace@",
          company: "Navy",
          message: "Compilers for everyone, please.",
          consent: "on",
          formToken,
          source: "contact",
          website: "",
        });
        const bad = await app.fetch("/contact", {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded", ...fresh() },
          body: typed,
        });
        assertEquals(bad.status, 422);
        const html = await bad.text();
        assertStringIncludes(html, "Please enter an email address like name@company.com.");
        assertStringIncludes(html, 'value="Grace &lt;Hopper');
        assertStringIncludes(html, "Compilers for everyone, please.");
        assertStringIncludes(html, 'aria-invalid="true"');
        typed.set("email", "grace@navy.example");
        const send = () =>
          app.fetch("/contact", {
            method: "POST",
            headers: { "content-type": "application/x-www-form-urlencoded", ...fresh() },
            body: typed,
            redirect: "manual",
          });
        const [first, again] = [await send(), await send()];
        assertEquals([first.status, again.status], [303, 303]);
        assertEquals(first.headers.get("location"), "/contact?sent=1");
        await first.body?.cancel();
        await again.body?.cancel();
        await eventually(
          async () => (await leadCount(app, "email = $1", ["grace@navy.example"])) === 1,
          10_000,
          "the no-JS lead",
        );
        const thanks = await (await app.fetch("/contact?sent=1")).text();
        assertStringIncludes(thanks, "Thanks, we have your message.");
      },
    );

    await t.step(
      "a consenting visitor's verified lead shows on the demo feed; no one else's, no held one",
      async () => {
        const types = async () =>
          (await readLast<{ path?: string }>(app.services.kv, PUBLIC_FEED, 50))
            .filter((e) => e.type === "lead_submitted");
        const before = (await types()).length;
        const verified = async (cookie: string) => {
          const captcha = await solvedAltcha((p) => app.fetch(p));
          const formToken = await oldToken(app.services);
          const res = await postJson(app, { ...GOOD_LEAD, formToken, captcha }, { cookie });
          assertEquals(res.status, 202);
        };
        await verified("consent=necessary");
        assertEquals((await types()).length, before);
        const held = await app.fetch("/contact", {
          method: "POST",
          headers: {
            "content-type": "application/x-www-form-urlencoded",
            cookie: "consent=analytics",
            ...fresh(),
          },
          body: new URLSearchParams({
            ...GOOD_LEAD,
            consent: "on",
            formToken: await oldToken(app.services),
          }),
          redirect: "manual",
        });
        await held.body?.cancel();
        assertEquals(held.status, 303);
        assertEquals((await types()).length, before, "a held lead is not announced");
        await verified("consent=analytics");
        const after = await types();
        assertEquals(after.length, before + 1);
        assertEquals(after.at(-1)!.data.path, "/api/leads");
        assertNotIncludes(JSON.stringify(after), GOOD_LEAD.email);
      },
    );

    await t.step("/readyz shows the outbox depth", async () => {
      const res = await app.fetch("/readyz");
      const body = await res.json();
      assertEquals(body.checks.outbox.required, false);
      assertStringIncludes(body.checks.outbox.detail, "depth");
    });
  } finally {
    await app.stop();
  }
});
