/**
 * Two replicas of the real server (`main.ts` processes, as in compose.yaml) on one PostgreSQL
 * and one shared KV: a visitor starts a run on one and follows it on the other, the run
 * succeeds exactly once, and both report the same shared queue state.
 */
import postgres from "postgres";
import { assert, assertEquals } from "../support/assert.ts";
import { databaseUrl, uniqueSchema } from "../support/db.ts";
import { startServerProcess } from "../support/process.ts";
import { parsePrometheus } from "../support/prometheus.ts";
import { parseSse } from "../support/runs.ts";

const key = () =>
  Array.from(crypto.getRandomValues(new Uint8Array(24)), (b) => b.toString(16)).join("");

Deno.test({
  name: "two replicas share sessions, runs, streams and queue state [postgres]",
  async fn() {
    const DATABASE_URL = databaseUrl();
    const dir = await Deno.makeTempDir();
    const schema = uniqueSchema();
    const token = key();
    const env = {
      KV_PATH: `${dir}/kv.sqlite3`,
      DATABASE_URL,
      DATABASE_SCHEMA: schema,
      SESSION_SECRETS: key(),
      DEMO_KEY_SECRETS: key(),
      WEBHOOK_SECRETS: key(),
      METRICS_TOKEN: token,
      OFFLINE_CHUNK_DELAY_MS: "0",
      LOG_LEVEL: "warn",
    };
    const [a, b] = await Promise.all([
      startServerProcess(env, 90_000),
      startServerProcess(env, 90_000),
    ]);
    try {
      const created = await fetch(`${a.url}/api/runs`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: a.url },
        body: JSON.stringify({
          agent: "docs-assistant",
          input: { question: "How do I rotate secrets?" },
        }),
      });
      const body = await created.json();
      assertEquals(created.status, 202, JSON.stringify(body));
      const cookie = created.headers.get("set-cookie")?.split(";")[0] ?? "";
      assert(cookie, "the visitor got a cookie");

      const stream = await fetch(`${b.url}/api/runs/${body.runId}/stream`, {
        headers: { cookie, origin: b.url },
      });
      assertEquals(stream.status, 200);
      const events = parseSse(await stream.text());
      assert(events.some((e) => e.event === "token"), "tokens streamed on the other replica");
      assertEquals(events.at(-1)?.event, "done");

      const run = await fetch(`${b.url}/api/runs/${body.runId}`, {
        headers: { cookie, origin: b.url },
      });
      assertEquals(run.status, 200);
      assertEquals((await run.json()).status, "succeeded");

      const scrape = async (url: string) =>
        parsePrometheus(
          await (await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${token}` } }))
            .text(),
        );
      // Jobs end just after the run's last event. A first attempt may also be retried (two
      // processes on one SQLite KV file can meet "database is locked"), so wait until no job
      // of the run is left, then count outcomes.
      let ma = await scrape(a.url);
      let mb = await scrape(b.url);
      const total = (name: string, labels: Record<string, string>) =>
        ma.value(name, labels) + mb.value(name, labels);
      const settled = () =>
        total("relay_queue_jobs_total", { type: "agent_run", outcome: "ok" }) >= 1 &&
        total("relay_queue_depth", { type: "agent_run" }) === 0;
      for (let i = 0; i < 150 && !settled(); i++) {
        await new Promise((r) => setTimeout(r, 200));
        [ma, mb] = await Promise.all([scrape(a.url), scrape(b.url)]);
      }
      assertEquals(total("relay_runs_total", { outcome: "succeeded" }), 1, "the run ran once");
      assertEquals(total("relay_runs_total", { outcome: "failed" }), 0, "and did not fail");
      assertEquals(total("relay_queue_jobs_total", { type: "agent_run", outcome: "error" }), 0);
      for (const m of [ma, mb]) {
        assertEquals(m.value("relay_queue_depth", { type: "agent_run" }), 0, "no job left behind");
      }
    } finally {
      const codes = await Promise.all([a.stop(), b.stop()]);
      const sql = postgres(DATABASE_URL, { max: 1, onnotice: () => {} });
      await sql.unsafe(`drop schema if exists "${schema}" cascade`);
      await sql.end();
      await Deno.remove(dir, { recursive: true });
      assertEquals(codes, [0, 0], `${a.output()}\n${b.output()}`);
    }
  },
});
