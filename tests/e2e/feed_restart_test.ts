/**
 * The live feed across a server restart: a real server process (main.ts) on a fixed port and a
 * KV file; it stops, events are appended to the feed while it is down, and a new process starts
 * on the same port and file. The open page reconnects and shows exactly the events it missed,
 * none twice, then keeps following live.
 */
import { assertEquals } from "../support/assert.ts";
import { openPage, withBrowser } from "../support/browser.ts";
import { startServerProcess } from "../support/process.ts";
import { appendEvent } from "../../lib/realtime/event_log.ts";
import { PUBLIC_FEED } from "../../lib/tracking/feeds.ts";
import type { DemoEvent } from "../../lib/tracking/events.ts";

function freePort(): number {
  const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = l.addr.port;
  l.close();
  return port;
}

/** Events are told apart by their duration (the public feed shows no paths or labels). */
const event = (seconds: number): DemoEvent => ({
  agent: "lead-qualifier",
  durationMs: seconds * 1000,
  workspaceId: null,
  source: "server",
  requestId: null,
  traceparent: null,
  traceId: null,
});

async function record(url: string, seconds: number) {
  const { key } = await (await fetch(`${url}/demo/key`)).json();
  const res = await fetch(`${url}/demo/record`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-demo-key": key, cookie: "consent=analytics" },
    body: JSON.stringify({
      type: "demo_completed",
      agent: "lead-qualifier",
      durationMs: seconds * 1000,
    }),
  });
  assertEquals(res.status, 202, await res.text());
}

const seqs = (page: import("playwright-core").Page) =>
  page.$$eval(
    "#activity-feed li[data-seq]",
    (els) => els.map((e) => Number(e.getAttribute("data-seq"))),
  );

Deno.test("after a server restart the feed reconnects and shows what it missed, once", async () => {
  const dir = await Deno.makeTempDir({ prefix: "feed-restart-" });
  const env = {
    DATA_DIR: dir,
    PORT: String(freePort()),
    DEMO_KEY_SECRETS: "k".repeat(40),
    SESSION_SECRETS: "s".repeat(40),
    LOG_LEVEL: "warn",
  };
  let server = await startServerProcess(env, 90_000);
  try {
    await record(server.url, 1);
    await record(server.url, 2);
    await withBrowser(async (browser) => {
      const p = await openPage(browser, `${server.url}/`);
      try {
        await p.page.waitForSelector('#activity-feed .activity-feed[data-status="live"]');
        await p.page.waitForFunction(() =>
          document.querySelectorAll("#activity-feed li").length === 2
        );
        await record(server.url, 3);
        await p.page.waitForSelector('#activity-feed li[data-seq="3"]', { timeout: 30_000 });

        assertEquals(await server.stop(), 0);
        await p.page.waitForSelector('#activity-feed .activity-feed[data-status="reconnecting"]');
        const kv = await Deno.openKv(`${dir}/kv.sqlite3`);
        try {
          for (const seconds of [4, 5]) {
            await appendEvent(kv, PUBLIC_FEED, "demo_completed", event(seconds));
          }
        } finally {
          kv.close();
        }

        server = await startServerProcess(env, 90_000);
        await p.page.waitForSelector('#activity-feed li[data-seq="5"]', { timeout: 30_000 });
        await p.page.waitForSelector('#activity-feed .activity-feed[data-status="live"]');
        await record(server.url, 6);
        await p.page.waitForSelector('#activity-feed li[data-seq="6"]', { timeout: 30_000 });
        assertEquals(await seqs(p.page), [6, 5, 4, 3, 2, 1], "every event once, newest first");
        const paths = await p.page.$$eval(
          "#activity-feed li .feed-detail",
          (els) => els.map((e) => e.textContent),
        );
        assertEquals(paths, [6, 5, 4, 3, 2, 1].map((n) => `lead-qualifier agent · ${n}.0 s`));
      } finally {
        await p.close();
      }
    });
  } finally {
    await server.stop();
    await Deno.remove(dir, { recursive: true }).catch(() => {});
  }
});
