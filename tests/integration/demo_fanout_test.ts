import { assertEquals } from "../support/assert.ts";
import { LogHub } from "../../lib/realtime/hub.ts";
import { publish } from "../../lib/realtime/publish.ts";
import { followShared, subscribeShared } from "../../lib/tracking/fanout.ts";

const FEED = ["test_feed"];

Deno.test("shared followers: catch-up from KV, then live from memory, none twice or skipped", async () => {
  const kv = await Deno.openKv(":memory:");
  const hub = new LogHub(kv, null, false);
  const shutdown = new AbortController();
  const services = { kv, hub, shutdown: shutdown.signal };
  const abort = new AbortController();
  try {
    for (let i = 1; i <= 5; i++) await publish(services, FEED, "n", { i });
    const take = async (after: number, count: number) => {
      const seen: number[] = [];
      for await (const e of followShared<{ i: number }>(services, FEED, after, abort.signal)) {
        seen.push(e.data.i);
        if (seen.length === count) break;
      }
      return seen;
    };
    const early = take(5, 3);
    await new Promise((r) => setTimeout(r, 20));
    const late = take(2, 6);
    const many = Array.from({ length: 50 }, () => take(5, 3));
    await new Promise((r) => setTimeout(r, 20));
    for (let i = 6; i <= 8; i++) await publish(services, FEED, "n", { i });
    assertEquals(await early, [6, 7, 8]);
    assertEquals(await late, [3, 4, 5, 6, 7, 8]);
    for (const seen of await Promise.all(many)) assertEquals(seen, [6, 7, 8]);
  } finally {
    abort.abort();
    shutdown.abort();
    await hub.close();
    kv.close();
  }
});

Deno.test("shared followers end when the instance shuts down", async () => {
  const kv = await Deno.openKv(":memory:");
  const hub = new LogHub(kv, null, false);
  const shutdown = new AbortController();
  const services = { kv, hub, shutdown: shutdown.signal };
  try {
    const done = (async () => {
      const seen: number[] = [];
      for await (const e of followShared(services, FEED, 0, new AbortController().signal)) {
        seen.push(e.seq);
      }
      return seen;
    })();
    await new Promise((r) => setTimeout(r, 20));
    await publish(services, FEED, "n", {});
    await new Promise((r) => setTimeout(r, 20));
    shutdown.abort();
    assertEquals(await done, [1]);
  } finally {
    await hub.close();
    kv.close();
  }
});

Deno.test("pushed subscribers: catch-up from KV and memory, then live, in order, none twice", async () => {
  const kv = await Deno.openKv(":memory:");
  const hub = new LogHub(kv, null, false);
  const shutdown = new AbortController();
  const services = { kv, hub, shutdown: shutdown.signal };
  const subscribe = (after: number) => {
    const abort = new AbortController();
    const seen: number[] = [];
    const done = subscribeShared<{ i: number }>(services, FEED, after, abort.signal, (e) => {
      seen.push(e.data.i);
    });
    return { seen, done, stop: () => abort.abort() };
  };
  try {
    for (let i = 1; i <= 5; i++) await publish(services, FEED, "n", { i });
    const live = subscribe(5);
    const clients = Array.from({ length: 200 }, () => subscribe(5));
    await new Promise((r) => setTimeout(r, 20));
    const late = subscribe(2);
    for (let i = 6; i <= 8; i++) await publish(services, FEED, "n", { i });
    const waitFor = async (seen: number[], n: number) => {
      for (let t = 0; t < 200 && seen.length < n; t++) await new Promise((r) => setTimeout(r, 10));
    };
    await waitFor(late.seen, 6);
    await waitFor(live.seen, 3);
    assertEquals(live.seen, [6, 7, 8]);
    assertEquals(late.seen, [3, 4, 5, 6, 7, 8]);
    for (const c of clients) assertEquals(c.seen, [6, 7, 8]);
    live.stop();
    await live.done;
    await publish(services, FEED, "n", { i: 9 });
    await waitFor(late.seen, 7);
    assertEquals(live.seen, [6, 7, 8], "a stopped subscriber gets nothing more");
    assertEquals(late.seen.at(-1), 9);
    shutdown.abort();
    await Promise.all([late.done, ...clients.map((c) => c.done)]);
  } finally {
    shutdown.abort();
    await hub.close();
    kv.close();
  }
});
