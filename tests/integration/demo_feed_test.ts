import { assert, assertEquals } from "../support/assert.ts";
import { startTestApp, type TestApp } from "../support/app.ts";
import { createMember, createToken, type TestMember } from "../support/members.ts";
import { readSse } from "../support/sse.ts";
import { readAfter, readHead } from "../../lib/realtime/event_log.ts";
import { issueDemoKey } from "../../lib/tracking/demo_key.ts";
import { PUBLIC_FEED, workspaceFeed } from "../../lib/tracking/feeds.ts";
import { recordDemoEvent } from "../../lib/tracking/record.ts";
import { signJson } from "../../lib/security/signing.ts";
import { rateLimitKey } from "../../kv/keys.ts";
import type { DemoEvent, FeedEvent } from "../../lib/tracking/events.ts";

const NEW_SECRET = "n".repeat(40);
const OLD_SECRET = "o".repeat(40);
const RETIRED_SECRET = "r".repeat(40);
const CONSENT = "consent=analytics";

let shared: Promise<{ app: TestApp; a: TestMember; b: TestMember; site: TestMember }> | null = null;

/** One app for the whole file: workspaces A, B and the site's own. */
function setup() {
  shared ??= (async () => {
    const app = await startTestApp({
      env: { DEMO_KEY_SECRETS: `${NEW_SECRET},${OLD_SECRET}`, SITE_WORKSPACE: "relay-site" },
    });
    const a = await createMember(app.services, app.url, "ada@a.example", "Alpha");
    const b = await createMember(app.services, app.url, "bob@b.example", "Beta");
    const site = await createMember(app.services, app.url, "ops@relay.example", "Relay Site");
    await app.services.db.query("update tenants set slug = 'relay-site' where id = $1", [
      site.workspace.id,
    ]);
    return { app, a, b, site };
  })();
  return shared;
}

function record(app: TestApp, body: unknown, headers: Record<string, string>) {
  return app.fetch("/demo/record", {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
}

async function keyFor(secret: string, now = Date.now()) {
  return await issueDemoKey({ demoKeySecrets: [secret] }, now);
}

Deno.test("demo feed", async (t) => {
  const { app, a, b, site } = await setup();
  const { kv } = app.services;
  try {
    await t.step(
      "a page's demo key (meta and /demo/key) records into the public feed",
      async () => {
        const html = await (await app.fetch("/")).text();
        const meta = /<meta name="demo-key" content="([^"]+)"/.exec(html);
        assert(meta, "the page carries a demo key");
        const before = await readHead(kv, PUBLIC_FEED);
        const res = await record(app, { type: "page_view", path: "/pricing" }, {
          "x-demo-key": meta[1],
          cookie: CONSENT,
        });
        assertEquals(res.status, 202);
        assertEquals(await readHead(kv, PUBLIC_FEED), before + 1);
        const fresh = await (await app.fetch("/demo/key")).json();
        const again = await record(app, { type: "cta_click", label: "Start free" }, {
          "x-demo-key": fresh.key,
          cookie: CONSENT,
        });
        assertEquals(again.status, 202);
        const [stored] = await readAfter<DemoEvent>(kv, PUBLIC_FEED, before + 1);
        assertEquals(stored.type, "cta_click");
        assertEquals(stored.data.source, "demo_key");
        assertEquals(stored.data.workspaceId, site.workspace.id, "anonymous events go to the site");
      },
    );

    await t.step("keys signed with an older listed secret still work (rotation)", async () => {
      const res = await record(app, { type: "page_view", path: "/" }, {
        "x-demo-key": await keyFor(OLD_SECRET),
        cookie: CONSENT,
      });
      assertEquals(res.status, 202);
    });

    await t.step(
      "expired, forged, retired, foreign-purpose and missing keys are refused",
      async () => {
        const before = await readHead(kv, PUBLIC_FEED);
        const expired = await keyFor(NEW_SECRET, Date.now() - 3 * 60 * 60 * 1000);
        const retired = await keyFor(RETIRED_SECRET);
        const genuine = await keyFor(NEW_SECRET);
        const forged = genuine.slice(0, genuine.indexOf(".")) + ".AAAA" +
          genuine.slice(genuine.indexOf(".") + 5);
        const tampered = btoa(JSON.stringify({ p: "demo", w: 1, exp: 9999999999 }))
          .replace(/=+$/, "") + genuine.slice(genuine.indexOf("."));
        const otherPurpose = await signJson([NEW_SECRET], { p: "session" }, { expiresIn: 600 });
        const longLived = await signJson([NEW_SECRET], { p: "demo", w: 1 }, {
          expiresIn: 365 * 86400,
        });
        for (const key of [expired, retired, forged, tampered, otherPurpose, longLived]) {
          const res = await record(app, { type: "page_view" }, {
            "x-demo-key": key,
            cookie: CONSENT,
          });
          assertEquals(res.status, 401);
          assertEquals((await res.json()).error.code, "invalid_demo_key");
        }
        const none = await record(app, { type: "page_view" }, { cookie: CONSENT });
        assertEquals(none.status, 401);
        assertEquals((await none.json()).error.code, "demo_key_required");
        assertEquals(await readHead(kv, PUBLIC_FEED), before, "nothing stored");
      },
    );

    await t.step(
      "without consent, or with GPC or DNT, it answers 204 and stores nothing",
      async () => {
        const key = await keyFor(NEW_SECRET);
        const before = await readHead(kv, PUBLIC_FEED);
        const cases: Record<string, string>[] = [
          {},
          { cookie: "consent=necessary" },
          { cookie: "consent=telemetry" },
          { cookie: CONSENT, "sec-gpc": "1" },
          { cookie: CONSENT, dnt: "1" },
        ];
        for (const headers of cases) {
          const res = await record(app, { type: "page_view" }, { "x-demo-key": key, ...headers });
          assertEquals(res.status, 204, JSON.stringify(headers));
          assertEquals(await res.text(), "");
        }
        const sessionRes = await record(app, { type: "page_view" }, { cookie: a.cookie });
        assertEquals(sessionRes.status, 204, "a signed-in visitor needs consent too");
        assertEquals(await readHead(kv, PUBLIC_FEED), before);
        assertEquals(await readHead(kv, workspaceFeed(a.workspace.id)), 0);
      },
    );

    await t.step("invalid events are a 400 naming the problem", async () => {
      const key = await keyFor(NEW_SECRET);
      for (const body of [{ type: "nope" }, { type: "page_view", extra: 1 }, { path: "/" }]) {
        const res = await record(app, body, { "x-demo-key": key, cookie: CONSENT });
        assertEquals(res.status, 400);
        assertEquals((await res.json()).error.code, "invalid_event");
      }
      const res = await app.fetch("/demo/record", {
        method: "POST",
        headers: { "content-type": "text/plain", "x-demo-key": key, cookie: CONSENT },
        body: "{not json",
      });
      assertEquals(res.status, 400);
    });

    await t.step(
      "sessions and API tokens record into their workspace with trace context",
      async () => {
        const traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        const res = await record(app, { type: "cta_click", label: "Book a demo" }, {
          cookie: `${a.cookie}; ${CONSENT}`,
          traceparent,
        });
        assertEquals(res.status, 202);
        const requestId = res.headers.get("x-request-id");
        const [event] = await readAfter<DemoEvent>(kv, workspaceFeed(a.workspace.id), 0);
        assertEquals(event.data.source, "session");
        assertEquals(event.data.traceparent, traceparent);
        assertEquals(event.data.traceId, "4bf92f3577b34da6a3ce929d0e0e4736");
        assertEquals(event.data.requestId, requestId);
        const token = await createToken(app.services, b);
        const byToken = await record(app, { type: "lead_submitted" }, {
          authorization: `Bearer ${token}`,
        });
        assertEquals(byToken.status, 202);
        const [bEvent] = await readAfter<DemoEvent>(kv, workspaceFeed(b.workspace.id), 0);
        assertEquals(bEvent.data.source, "token");
        assertEquals(bEvent.data.workspaceId, b.workspace.id);
        assert(bEvent.data.traceparent, "a traceparent is stored even when none was sent");
        const bad = await record(app, { type: "page_view" }, { authorization: "Bearer rly_nope" });
        assertEquals(bad.status, 401);
      },
    );

    await t.step("the stream replays after Last-Event-ID, then follows live", async () => {
      const events = workspaceFeed(a.workspace.id);
      for (let i = 0; i < 4; i++) {
        await recordDemoEvent(app.services, {
          type: "page_view",
          path: `/r${i}`,
          workspaceId: a.workspace.id,
        });
      }
      const head = await readHead(kv, events);
      const res = await app.fetch(`/demo/stream?workspace=${a.workspace.slug}`, {
        headers: { cookie: a.cookie, "last-event-id": String(head - 2) },
      });
      assertEquals(res.status, 200);
      assertEquals(res.headers.get("content-type"), "text/event-stream; charset=utf-8");
      const sse = readSse(res);
      try {
        assertEquals((await sse.next()).retry, 2000, "a retry hint comes first");
        const replayed = await sse.take<FeedEvent<DemoEvent>>(2);
        assertEquals(replayed.map((e) => e.data.data.path), ["/r2", "/r3"]);
        assertEquals(replayed.map((e) => Number(e.id)), [head - 1, head]);
        await recordDemoEvent(app.services, {
          type: "demo_started",
          agent: "sales",
          workspaceId: a.workspace.id,
        });
        const [live] = await sse.take<FeedEvent<DemoEvent>>(1);
        assertEquals(live.data.type, "demo_started");
        assertEquals(Number(live.id), head + 1);
      } finally {
        await sse.close();
      }
    });

    await t.step(
      "without Last-Event-ID the stream replays the last N; quiet streams get heartbeats",
      async () => {
        const res = await app.fetch(
          `/demo/stream?workspace=${a.workspace.slug}&last=2&heartbeat=1`,
          {
            headers: { cookie: a.cookie },
          },
        );
        const sse = readSse(res);
        try {
          await sse.next();
          const replayed = await sse.take<FeedEvent<DemoEvent>>(2);
          assertEquals(replayed.map((e) => e.data.type), ["page_view", "demo_started"]);
          const beat = await sse.next();
          assertEquals(beat.comment, "heartbeat");
        } finally {
          await sse.close();
        }
      },
    );

    await t.step("no event of workspace B reaches a follower of A", async () => {
      const res = await app.fetch(`/demo/stream?workspace=${a.workspace.slug}&last=0`, {
        headers: { cookie: a.cookie },
      });
      const sse = readSse(res);
      try {
        await sse.next();
        await recordDemoEvent(app.services, {
          type: "demo_completed",
          runId: "run-of-b",
          workspaceId: b.workspace.id,
        });
        await record(app, { type: "page_view", path: "/b-only" }, {
          cookie: `${b.cookie}; ${CONSENT}`,
        });
        await recordDemoEvent(app.services, {
          type: "demo_completed",
          runId: "run-of-a",
          workspaceId: a.workspace.id,
        });
        const [got] = await sse.take<FeedEvent<DemoEvent>>(1);
        assertEquals(got.data.data.runId, "run-of-a");
        assertEquals(got.data.data.workspaceId, a.workspace.id);
      } finally {
        await sse.close();
      }
      for (const path of ["/demo/stream", "/demo/events"]) {
        const other = await app.fetch(`${path}?workspace=${b.workspace.slug}`, {
          headers: { cookie: a.cookie },
        });
        assertEquals(other.status, 404, `${path} of another workspace`);
        await other.body?.cancel();
      }
      const anon = await app.fetch(`/demo/events?workspace=${a.workspace.slug}`);
      assertEquals(anon.status, 401);
      await anon.body?.cancel();
      const polled = await (await app.fetch(`/demo/events?workspace=${a.workspace.slug}&last=200`, {
        headers: { cookie: a.cookie },
      })).json();
      assert(
        polled.events.every((e: FeedEvent<DemoEvent>) => e.data.workspaceId === a.workspace.id),
        "A's polling feed holds only A's events",
      );
    });

    await t.step("the public feed is anonymized and holds only the site's traffic", async () => {
      const res = await app.fetch("/demo/events?last=200");
      const body = await res.json();
      assert(body.events.length >= 3);
      for (const e of body.events as FeedEvent[]) {
        assertEquals(Object.keys(e).sort(), ["at", "data", "seq", "type"]);
        for (const k of Object.keys(e.data)) {
          assert(["agent", "durationMs", "tokens"].includes(k), `public field ${k}`);
        }
        assert(!("runId" in e.data) || e.data.runId !== "run-of-b");
      }
      assert(!JSON.stringify(body).includes(b.workspace.id), "no workspace ids in public");
      assert(!JSON.stringify(body).includes("/b-only"), "workspace traffic stays private");
      assert(!JSON.stringify(body).includes("Start free"), "no free text from clients");
      assert(!JSON.stringify(body).includes("/pricing"), "no paths");
    });

    await t.step("the polling endpoint pages with after/next and validates its query", async () => {
      const first = await (await app.fetch("/demo/events?after=0&limit=2")).json();
      assertEquals(first.events.map((e: FeedEvent) => e.seq), [1, 2]);
      assertEquals(first.next, 2);
      const rest = await (await app.fetch(`/demo/events?after=${first.next}`)).json();
      assertEquals(rest.events[0].seq, 3);
      assertEquals(rest.next, rest.head);
      const none = await (await app.fetch(`/demo/events?after=${rest.head}`)).json();
      assertEquals(none.events, []);
      assertEquals(none.next, rest.head);
      const typed = await (await app.fetch("/demo/events?after=0&types=cta_click")).json();
      assert(typed.events.every((e: FeedEvent) => e.type === "cta_click"));
      for (const q of ["after=-1", "after=abc", "types=nope", "limit=0"]) {
        const bad = await app.fetch(`/demo/events?${q}`);
        assertEquals(bad.status, 400, q);
        assertEquals((await bad.json()).error.code, "invalid_query");
      }
    });

    await t.step("recording is rate limited per client", async () => {
      const window = Math.floor(Date.now() / 60_000);
      for (const w of [window - 1, window, window + 1]) {
        await kv.set(rateLimitKey("demo_feed", "ip:127.0.0.1", w), 240);
      }
      const before = await readHead(kv, PUBLIC_FEED);
      const res = await record(app, { type: "page_view" }, {
        "x-demo-key": await keyFor(NEW_SECRET),
        cookie: CONSENT,
      });
      assertEquals(res.status, 429);
      assert(Number(res.headers.get("retry-after")) > 0);
      assertEquals(await readHead(kv, PUBLIC_FEED), before);
    });
  } finally {
    await app.stop();
  }
});
