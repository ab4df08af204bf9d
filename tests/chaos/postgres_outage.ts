/**
 * Chaos drill: PostgreSQL goes away during load. The app (`main.ts`, its own process) reaches
 * the real DATABASE_URL server through a loopback TCP proxy this test controls; cutting the
 * proxy drops every connection and refuses new ones, exactly what the app sees when the server
 * stops, without touching the server other tests share. While it is cut: leads are still
 * accepted and `/readyz` reports the outage within two seconds; after it is back: the outbox
 * drains and every accepted lead is stored exactly once.
 */
import { assert, assertEquals } from "../support/assert.ts";
import { harnessEnv, withData } from "../support/app_fixture.ts";
import { startServerProcess } from "../support/process.ts";
import { startTcpProxy } from "../support/tcp_proxy.ts";
import {
  type AcceptedLead,
  loops,
  sendLead,
  Tally,
  viewPage,
  waitOutboxEmpty,
} from "../load/workload.ts";

const DATABASE_URL = Deno.env.get("DATABASE_URL");
const OUTAGE_SECONDS = Number(Deno.env.get("CHAOS_OUTAGE_SECONDS") ?? 8);

async function readyz(baseUrl: string) {
  const res = await fetch(`${baseUrl}/readyz`);
  return { status: res.status, body: await res.json() };
}

Deno.test({
  name: "PostgreSQL stops during load: leads accepted, /readyz reports it within 2 s, " +
    "every lead stored once after restart",
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    if (!DATABASE_URL) throw new Error("test:chaos needs DATABASE_URL (a real PostgreSQL)");
    const target = new URL(DATABASE_URL);
    const proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
    const proxied = new URL(DATABASE_URL);
    proxied.hostname = "127.0.0.1";
    proxied.port = String(proxy.port());
    const dataDir = await Deno.makeTempDir({ prefix: "chaos-pg-" });
    const env = harnessEnv(dataDir, { postgres: true, extra: { DATABASE_URL: proxied.href } });
    const app = await startServerProcess(env, 120_000);
    const before = new Tally("leads before");
    const during = new Tally("leads during the outage");
    const after = new Tally("leads after");
    const pages = new Tally("page views");
    const leads: AcceptedLead[] = [];
    let phase = before;
    let n = 0;
    let stop = false;
    const going = () => !stop;
    const at = { start: performance.now(), cut: 0, restore: 0, end: 0 };
    try {
      assertEquals((await readyz(app.url)).status, 200);
      const load = Promise.all([
        loops(3, going, during, async () => {
          const lead = await sendLead(app.url, env, n++, phase, { domain: "outage.example" });
          if (lead) leads.push(lead);
        }),
        loops(2, going, pages, () => viewPage(app.url, pages)),
      ]);
      await new Promise((r) => setTimeout(r, 3000));

      phase = during;
      const cutAt = at.cut = performance.now();
      proxy.down();
      let detectedMs = NaN;
      while (performance.now() - cutAt < 10_000) {
        const { status, body } = await readyz(app.url);
        if (status === 503 && body.checks.database.ok === false) {
          detectedMs = Math.round(performance.now() - cutAt);
          break;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      await new Promise((r) => setTimeout(r, OUTAGE_SECONDS * 1000));
      const outageReady = await readyz(app.url);

      phase = after;
      const restoredAt = at.restore = performance.now();
      proxy.up();
      let recoveredMs = NaN;
      while (performance.now() - restoredAt < 30_000) {
        if ((await readyz(app.url)).status === 200) {
          recoveredMs = Math.round(performance.now() - restoredAt);
          break;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      await new Promise((r) => setTimeout(r, 3000));
      stop = true;
      await load;
      at.end = performance.now();
      await waitOutboxEmpty(app.url, 60_000);

      const s = (ms: number) => ms / 1000;
      console.table([
        before.row(s(at.cut - at.start)),
        during.row(s(at.restore - at.cut)),
        after.row(s(at.end - at.restore)),
        pages.row(s(at.end - at.start)),
      ]);
      console.log(
        `outage reported by /readyz after ${detectedMs} ms (outbox: ` +
          `${outageReady.body.checks.outbox.detail}); ready again ${recoveredMs} ms after ` +
          `the restore; ${leads.length} leads accepted`,
      );
      assert(detectedMs <= 2000, `/readyz reported the outage after ${detectedMs} ms`);
      assert(during.ok > 0, "leads were accepted during the outage");
      const failures = [before, during, after].flatMap((t) => t.failures);
      assertEquals(failures.slice(0, 5), [], `${failures.length} leads refused`);
      assert(Number.isFinite(recoveredMs), "/readyz did not recover");
    } finally {
      stop = true;
      proxy.up();
      await app.stop();
      proxy.close();
    }
    const direct = { ...env, DATABASE_URL };
    try {
      await withData(direct, async ({ db, settings }) => {
        const rows = await db.query<{ id: string }>(
          "select id::text as id from leads where email like '%@outage.example'",
        );
        const count = new Map<string, number>();
        for (const r of rows) count.set(r.id, (count.get(r.id) ?? 0) + 1);
        const notOnce = leads.filter((l) => count.get(l.leadId) !== 1);
        assertEquals(notOnce.slice(0, 10), [], "accepted leads not stored exactly once");
        assertEquals(rows.length, leads.length, "no lead stored that was not accepted");
        await db.exec(`drop schema "${settings.databaseSchema}" cascade`);
      });
    } finally {
      await Deno.remove(dataDir, { recursive: true });
    }
  },
});
