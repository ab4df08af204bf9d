import { drainOutbox, outboxDepth } from "../../lib/outbox/outbox.ts";
import { assertEquals, assertStringIncludes } from "../support/assert.ts";
import { startTestApp } from "../support/app.ts";
import { databaseUrl } from "../support/db.ts";
import { eventually, oldToken } from "../support/leads.ts";
import { startTcpProxy } from "../support/tcp_proxy.ts";

for (const jobs of ["kv", "postgres"] as const) {
  Deno.test({
    name:
      `while PostgreSQL is unreachable, 50 leads are accepted and land exactly once [postgres, ${jobs} jobs]`,
    sanitizeOps: jobs === "kv",
    sanitizeResources: jobs === "kv",
    fn: () => outage(jobs),
  });
}

async function outage(jobs: "kv" | "postgres") {
  {
    const DATABASE_URL = databaseUrl();
    const target = new URL(DATABASE_URL);
    const proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
    const proxied = new URL(DATABASE_URL);
    proxied.hostname = "127.0.0.1";
    proxied.port = String(proxy.port());
    const app = await startTestApp({
      backend: "postgres",
      env: {
        DATABASE_URL: proxied.href,
        TRUSTED_PROXY: "true",
        LEAD_MIN_FILL_SECONDS: "1",
        JOBS_BACKEND: jobs,
      },
    });
    try {
      const queueReady = async () => (await (await app.fetch("/readyz")).json()).checks.queue.ok;
      await eventually(queueReady, 10_000, "the jobs worker");
      proxy.down();
      const submit = async (i: number, formToken: string) => {
        const res = await app.fetch("/contact", {
          method: "POST",
          headers: {
            "content-type": "application/x-www-form-urlencoded",
            "x-forwarded-for": `203.0.113.${i}`,
          },
          body: new URLSearchParams({
            name: `Person ${i}`,
            email: `person${i}@outage.example`,
            message: "Please call me back about agents.",
            consent: "on",
            formToken,
          }),
          redirect: "manual",
        });
        await res.body?.cancel();
        return res.status;
      };
      const tokens = await Promise.all(Array.from({ length: 50 }, () => oldToken(app.services)));
      // Every form is sent twice (a double click): still one lead each.
      const statuses = await Promise.all(
        tokens.flatMap((tok, i) => [submit(i + 1, tok), submit(i + 1, tok)]),
      );
      assertEquals(statuses.filter((s) => s === 303).length, 100);
      assertEquals(await outboxDepth(app.services), 50);
      const ready = await (await app.fetch("/readyz")).json();
      assertEquals(ready.checks.database.ok, false);
      assertStringIncludes(ready.checks.outbox.detail, "depth 50");

      proxy.up();
      // On KV the sweep schedule would drain what the queue's retries have not reached yet; on
      // PostgreSQL the staged drain jobs are handed to the worker by themselves.
      if (jobs === "kv") await drainOutbox(app.services);
      await eventually(async () => (await outboxDepth(app.services)) === 0, 20_000, "outbox");
      const [row] = await app.services.db.query<{ n: number; people: number }>(
        "select count(*)::int as n, count(distinct email)::int as people from leads",
      );
      assertEquals(row, { n: 50, people: 50 });
    } finally {
      proxy.up();
      await app.stop();
      proxy.close();
    }
  }
}
