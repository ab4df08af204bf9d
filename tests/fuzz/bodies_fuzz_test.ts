/**
 * The JSON endpoints and forms of bodies.ts, by property: near-valid bodies (one field broken)
 * get a 4xx and store nothing (no lead row or outbox entry, no feed event, no run), and valid
 * bodies are accepted. Near-valid cases run first, while nothing else writes in the background.
 */
import fc from "fast-check";
import { assert, assertEquals } from "../support/assert.ts";
import { startTestApp, type TestApp } from "../support/app.ts";
import { oldToken, solvedAltcha } from "../support/leads.ts";
import { outboxDepth } from "../../lib/outbox/outbox.ts";
import { readHead } from "../../lib/realtime/event_log.ts";
import { PUBLIC_FEED } from "../../lib/tracking/feeds.ts";
import { runKey } from "../../kv/keys.ts";
import { type BodyCase, bodyCases, encode, nearValid } from "./bodies.ts";
import { fuzzParams } from "./runs.ts";

let app: TestApp;
let ipCounter = 0;
const test = (name: string, fn: () => Promise<void>) =>
  Deno.test({ name, sanitizeOps: false, sanitizeResources: false, fn });

/** Everything a request could store, as counts. */
async function stored() {
  const { db, kv } = app.services;
  const [{ n }] = await db.query<{ n: number }>("select count(*)::int as n from leads");
  let runs = 0;
  for await (const _ of kv.list({ prefix: runKey("").slice(0, 1) })) runs++;
  return {
    leads: n + await outboxDepth(app.services),
    feed: await readHead(kv, PUBLIC_FEED),
    runs,
  };
}

async function send(c: BodyCase, body: Record<string, unknown>, withCaptcha: boolean) {
  const ip = `10.77.${(ipCounter >> 8) & 255}.${ipCounter++ & 255}`;
  const headers = new Headers({
    "x-forwarded-for": ip,
    "content-type": c.encoding === "json"
      ? "application/json"
      : "application/x-www-form-urlencoded",
    accept: "application/json",
    cookie: "consent=analytics",
  });
  const full = { ...body };
  if (c.path === "/demo/record") {
    headers.set("x-demo-key", (await (await app.fetch("/demo/key")).json()).key);
  }
  if (c.path === "/api/leads" || c.path === "/contact") {
    full.formToken = await oldToken(app.services);
    if (withCaptcha && c.path === "/api/leads") {
      full.captcha = await solvedAltcha((p) =>
        app.fetch(p, { headers: { "x-forwarded-for": ip } })
      );
    }
  }
  const res = await app.fetch(c.path, {
    method: c.method,
    headers,
    body: encode(c, full),
    redirect: "manual",
  });
  const text = await res.text();
  return { status: res.status, text: text.slice(0, 300) };
}

test("starts the app", async () => {
  app = await startTestApp({ env: { TRUSTED_PROXY: "true", LEAD_MIN_FILL_SECONDS: "1" } });
});

for (const c of bodyCases) {
  test(`${c.method} ${c.path}: near-valid bodies get a 4xx and store nothing`, async () => {
    await fc.assert(
      fc.asyncProperty(nearValid(c), async (body) => {
        const before = await stored();
        // Fields are validated before the captcha is checked: no need to solve one here.
        const { status, text } = await send(c, body, false);
        assert(status >= 400 && status < 500, `${JSON.stringify(body)} -> ${status} ${text}`);
        assertEquals(await stored(), before, `${JSON.stringify(body)} stored something`);
      }),
      fuzzParams(6),
    );
  });
}

for (const c of bodyCases) {
  test(`${c.method} ${c.path}: valid bodies are accepted`, async () => {
    await fc.assert(
      fc.asyncProperty(c.valid, async (body) => {
        const { status, text } = await send(c, body, true);
        assert(c.ok.includes(status), `${JSON.stringify(body)} -> ${status} ${text}`);
      }),
      fuzzParams(4),
    );
  });
}

test("stops the app", async () => {
  await app.stop();
});
