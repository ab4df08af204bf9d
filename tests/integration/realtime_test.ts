import { assertEquals, settlesWithin } from "../support/assert.ts";
import { appendEvent, readAfter, readLast } from "../../lib/realtime/event_log.ts";
import { LogHub } from "../../lib/realtime/hub.ts";
import { publish } from "../../lib/realtime/publish.ts";
import { openPostgres } from "../../lib/db/postgres.ts";
import { databaseUrl, uniqueSchema } from "../support/db.ts";

const LOG = ["test_log", "a"];

Deno.test("concurrent appends get gapless, ordered seqs", async () => {
  const kv = await Deno.openKv(":memory:");
  try {
    const events = await Promise.all(
      Array.from({ length: 40 }, (_, i) => appendEvent(kv, LOG, "n", { i })),
    );
    assertEquals(
      events.map((e) => e.seq).sort((a, b) => a - b),
      [...Array(40)].map((_, i) => i + 1),
    );
    const stored = await readAfter(kv, LOG, 0);
    assertEquals(stored.map((e) => e.seq), [...Array(40)].map((_, i) => i + 1));
    assertEquals((await readAfter(kv, LOG, 35)).length, 5);
    assertEquals((await readLast(kv, LOG, 3)).map((e) => e.seq), [38, 39, 40]);
  } finally {
    kv.close();
  }
});

Deno.test("follow replays after a cursor, then delivers live events once each", async () => {
  const kv = await Deno.openKv(":memory:");
  // The poll and the idle re-read are 10 minutes away: only a local append's wake-up can
  // deliver within the test's time.
  const hub = new LogHub(kv, null, false, 600_000);
  const abort = new AbortController();
  try {
    for (let i = 1; i <= 3; i++) await publish({ kv, hub }, LOG, "n", { i });
    const seen: number[] = [];
    const done = (async () => {
      for await (const e of hub.follow<{ i: number }>(LOG, 1, abort.signal, undefined, 600_000)) {
        seen.push(e.data.i);
        if (seen.length === 6) abort.abort();
      }
    })();
    await new Promise((r) => setTimeout(r, 20));
    for (let i = 4; i <= 7; i++) await publish({ kv, hub }, LOG, "n", { i });
    await settlesWithin(done, 60_000, "live delivery without a poll");
    assertEquals(seen, [2, 3, 4, 5, 6, 7]);
  } finally {
    abort.abort();
    await hub.close();
    kv.close();
  }
});

Deno.test({
  name: "an append on one instance wakes a follower on another through Postgres NOTIFY",
  async fn() {
    const kv = await Deno.openKv(":memory:");
    const schema = uniqueSchema();
    const dbA = await openPostgres({ url: databaseUrl(), schema, max: 2 });
    const dbB = await openPostgres({ url: databaseUrl(), schema, max: 2 });
    // Polls far apart: only Postgres NOTIFY can wake the follower within the test's time.
    const hubA = new LogHub(kv, dbA, false, 600_000);
    const hubB = new LogHub(kv, dbB, false, 600_000);
    const abort = new AbortController();
    try {
      const got = (async () => {
        for await (const e of hubB.follow(LOG, 0, abort.signal, undefined, 600_000)) return e;
      })();
      await appendEvent(kv, LOG, "n", { from: "A" });
      // B starts listening when it first waits, a moment from now: announce until it hears.
      hubA.announce(LOG);
      const again = setInterval(() => hubA.announce(LOG), 500);
      const event = await settlesWithin(got, 60_000, "a wake-up by NOTIFY (polls are 10 min away)")
        .finally(() => clearInterval(again));
      assertEquals(event?.data, { from: "A" });
    } finally {
      abort.abort();
      await hubA.close();
      await hubB.close();
      await dbA.exec(`drop schema "${schema}" cascade`);
      await dbA.close();
      await dbB.close();
      kv.close();
    }
  },
});
