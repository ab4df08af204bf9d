import { assert, assertEquals, assertStringIncludes } from "../support/assert.ts";
import { startTestApp, type TestApp } from "../support/app.ts";
import { rules } from "../../lib/security/rules.ts";

/** A sign-in attempt (the `sign_in` rule: 20 per 10 minutes per IP; the route need not exist). */
const attempt = (app: TestApp, accept = "application/json") =>
  app.fetch("/auth/nowhere", { method: "POST", headers: { accept } });

Deno.test("rate limits are shared by two instances on one KV and survive a restart", async () => {
  const dir = await Deno.makeTempDir();
  const env = { KV_PATH: `${dir}/kv.sqlite3` };
  const { limit } = rules.signIn;
  const a = await startTestApp({ env });
  const b = await startTestApp({ env });
  let c: TestApp | undefined;
  try {
    let allowed = 0;
    let lastRemaining: number = limit;
    let denied: Response | undefined;
    for (let i = 0; i < 2 * limit && !denied; i++) {
      const res = await attempt(i % 2 ? b : a);
      await res.body?.cancel();
      assertEquals(res.headers.get("ratelimit-limit"), String(limit));
      const remaining = Number(res.headers.get("ratelimit-remaining"));
      if (res.status === 429) denied = res;
      else {
        allowed++;
        assert(remaining <= lastRemaining, `remaining goes down: ${remaining}`);
        assert(Number(res.headers.get("ratelimit-reset")) > 0);
        lastRemaining = remaining;
      }
    }
    // A window boundary in the middle may let one or two more through, never a second allowance.
    assert(allowed >= limit && allowed <= limit + 2, `${allowed} allowed across both instances`);
    const deniedAt = Date.now();
    const retry = Number(denied!.headers.get("retry-after"));
    assert(retry >= 30, `retry-after ${retry}`);
    assertEquals(denied!.headers.get("ratelimit-remaining"), "0");
    const again = await attempt(a);
    const body = await again.json();
    assertEquals(again.status, 429, "the other instance agrees");
    assertEquals(body.error.code, "rate_limited");
    assertStringIncludes(body.error.message, "try again in");
    assert(body.error.details.retryAfterSeconds > 0);

    await Promise.all([a.stop(), b.stop()]);
    c = await startTestApp({ env });
    assert(Date.now() - deniedAt < retry * 1000, "restarted within the retry period");
    const html = await attempt(c, "text/html");
    assertEquals(html.status, 429, "still limited after a restart");
    assertStringIncludes(html.headers.get("content-type") ?? "", "text/html");
    assert(Number(html.headers.get("retry-after")) >= 1);
    assertStringIncludes(await html.text(), "Please try again in");
  } finally {
    await Promise.all([a.stop(), b.stop(), c?.stop()]);
    await Deno.remove(dir, { recursive: true });
  }
});
