/**
 * Two app processes (main.ts) on one PostgreSQL database and one KV file: an event recorded on
 * one reaches an SSE client of the other (local KV file watches do not cross processes; the
 * instances hear each other through LISTEN/NOTIFY, which realtime_test.ts proves on its own, or
 * the one-second poll).
 */
import { assertEquals } from "../support/assert.ts";
import { databaseUrl, uniqueSchema } from "../support/db.ts";
import { startServerProcess } from "../support/process.ts";
import { readSse } from "../support/sse.ts";
import { openPostgres } from "../../lib/db/postgres.ts";
import type { FeedEvent, PublicDemoEvent } from "../../lib/tracking/events.ts";

Deno.test({
  name: "[postgres] an event recorded on one instance reaches a stream client of another",
  async fn() {
    const DATABASE_URL = databaseUrl();
    const dir = await Deno.makeTempDir({ prefix: "feed-cluster-" });
    const schema = uniqueSchema();
    const env = {
      DATABASE_URL,
      DATABASE_SCHEMA: schema,
      KV_PATH: `${dir}/kv.sqlite3`,
      DATA_DIR: dir,
      DEMO_KEY_SECRETS: "k".repeat(40),
      SESSION_SECRETS: "s".repeat(40),
      LOG_LEVEL: "warn",
    };
    const a = await startServerProcess(env, 90_000);
    const b = await startServerProcess(env, 90_000).catch(async (e) => {
      await a.stop();
      throw e;
    });
    try {
      const res = await fetch(`${b.url}/demo/stream?last=0`);
      assertEquals(res.status, 200);
      const sse = readSse(res);
      try {
        await sse.next();
        await new Promise((r) => setTimeout(r, 200));
        const { key } = await (await fetch(`${a.url}/demo/key`)).json();
        const recorded = await fetch(`${a.url}/demo/record`, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "x-demo-key": key,
            cookie: "consent=analytics",
          },
          body: JSON.stringify({ type: "demo_started", agent: "lead-qualifier" }),
        });
        assertEquals(recorded.status, 202);
        const [got] = await sse.take<FeedEvent<PublicDemoEvent>>(1);
        assertEquals(got.data.type, "demo_started");
        assertEquals(got.data.data.agent, "lead-qualifier");
      } finally {
        await sse.close();
      }
    } finally {
      await a.stop();
      await b.stop();
      const db = await openPostgres({ url: DATABASE_URL, schema: "public", max: 1 });
      await db.exec(`drop schema if exists "${schema}" cascade`).finally(() => db.close());
      await Deno.remove(dir, { recursive: true }).catch(() => {});
    }
  },
});
