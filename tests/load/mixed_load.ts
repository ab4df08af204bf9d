/**
 * `deno task test:load`: a bounded mixed workload on loopback against `main.ts` in its own
 * process, with LOAD_STREAM_CLIENTS (default 1,000) `/demo/stream` clients held open in another
 * process for LOAD_SECONDS (default 60): page views, demo feed events (plus one visitor over its
 * rate limit, whose 429s are intended), agent runs on the fake OpenAI-compatible server, and
 * leads. Passes when nothing but intended 429s failed, every recorded event reached every
 * subscriber once and in order, and every accepted lead is stored exactly once. Prints
 * throughput and latencies per kind. Uses DATABASE_URL (a schema of its own) when set, else
 * embedded PGlite, checked after the server stops.
 */
import { assert, assertEquals } from "../support/assert.ts";
import { harnessEnv, requireOpenFiles, rssMiB, withData } from "../support/app_fixture.ts";
import { startFakeOpenAi, textChunks } from "../support/fake_openai.ts";
import { startServerProcess } from "../support/process.ts";
import { startSseClients } from "../bench/sse_fanout.ts";
import {
  type AcceptedLead,
  demoRun,
  fakeRunReplyParts,
  forSeconds,
  loops,
  recordEvent,
  sendLead,
  Tally,
  viewPage,
  waitOutboxEmpty,
} from "./workload.ts";

const SECONDS = Number(Deno.env.get("LOAD_SECONDS") ?? 60);
const STREAMS = Number(Deno.env.get("LOAD_STREAM_CLIENTS") ?? 1000);

Deno.test({
  name: `mixed load for ${SECONDS} s with ${STREAMS} stream clients: no unintended errors, ` +
    "every event delivered to every subscriber, every lead stored once",
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    await requireOpenFiles(STREAMS + 512);
    const dataDir = await Deno.makeTempDir({ prefix: "load-" });
    const fake = startFakeOpenAi();
    fake.fallback = () => ({ kind: "stream", chunks: textChunks(fakeRunReplyParts), delayMs: 5 });
    const env = harnessEnv(dataDir, {
      postgres: true,
      extra: {
        LOG_LEVEL: "error",
        OPENAI_API_KEY: "sk-load",
        OPENAI_BASE_URL: fake.baseURL,
        OPENAI_MAX_RETRIES: "0",
      },
    });
    const app = await startServerProcess(env, 120_000);
    const tallies = {
      pages: new Tally("page views"),
      events: new Tally("feed events"),
      abuse: new Tally("feed events over the limit"),
      runs: new Tally("agent runs"),
      leads: new Tally("leads"),
    };
    const seqs: number[] = [];
    const leads: AcceptedLead[] = [];
    let rssAfter = NaN;
    let sse: Awaited<ReturnType<typeof startSseClients>> | undefined;
    try {
      sse = await startSseClients(`${app.url}/demo/stream?last=0`, STREAMS);
      assertEquals(sse.connected, STREAMS, "every stream client connected");
      const { key } = await (await fetch(`${app.url}/demo/key`)).json();
      const started = performance.now();
      const going = forSeconds(SECONDS);
      let leadNo = 0;
      await Promise.all([
        loops(6, going, tallies.pages, () => viewPage(app.url, tallies.pages)),
        loops(3, going, tallies.events, async (i) => {
          // 50 visitors per loop, each well under the feed's 240 events a minute.
          const ip = `172.16.${i}.${Math.floor(Math.random() * 50)}`;
          const seq = await recordEvent(app.url, key, ip, tallies.events);
          if (seq !== null) seqs.push(seq);
          await new Promise((r) => setTimeout(r, 20));
        }),
        (async () => {
          // One visitor far over the feed limit (240 a minute): its 429s are the intended ones.
          for (let burst = 0; burst < 10 && going(); burst++) {
            const got = await Promise.all(
              Array.from(
                { length: 30 },
                () =>
                  recordEvent(app.url, key, "192.0.2.66", tallies.abuse).catch((e) => {
                    tallies.abuse.failures.push({ kind: "abuse", status: 0, detail: String(e) });
                    return null;
                  }),
              ),
            );
            for (const seq of got) if (seq !== null) seqs.push(seq);
          }
        })(),
        loops(3, going, tallies.runs, () => demoRun(app.url, tallies.runs)),
        loops(2, going, tallies.leads, async () => {
          const lead = await sendLead(app.url, env, leadNo++, tallies.leads);
          if (lead) leads.push(lead);
        }),
      ]);
      const elapsed = (performance.now() - started) / 1000;
      rssAfter = await rssMiB(app.child.pid);
      await waitOutboxEmpty(app.url);
      await new Promise((r) => setTimeout(r, 8000));
      const report = await sse.report();
      sse = undefined;

      const rows = Object.values(tallies).map((t) => t.row(elapsed));
      console.table(rows);
      const missing = seqs.filter((s) => (report.ids[String(s)]?.length ?? 0) !== report.clients);
      console.log(
        `${seqs.length} events recorded, each to ${report.clients} subscribers: ` +
          `${missing.length} not delivered to all, ${report.dupes} duplicates, ` +
          `${report.outOfOrder} out of order; ${leads.length} leads accepted; ` +
          `server RSS after load ${rssAfter} MiB`,
      );

      const failures = Object.values(tallies).flatMap((t) => t.failures);
      assertEquals(failures.slice(0, 10), [], `${failures.length} unexpected answers`);
      assert(tallies.abuse.limited > 0, "the visitor over the limit got 429s");
      assert(seqs.length > 0 && leads.length > 0 && tallies.runs.ok > 0, "every kind got through");
      assertEquals(report.clients, STREAMS, "no stream client dropped");
      assertEquals(missing.slice(0, 10), [], "events not delivered to every subscriber");
      assertEquals([report.dupes, report.outOfOrder], [0, 0]);
    } finally {
      await sse?.kill();
      await app.stop();
      await fake.close();
    }
    try {
      await withData(env, async ({ db, settings }) => {
        const rows = await db.query<{ id: string; email: string }>(
          "select id::text as id, email from leads where email like '%@load.example'",
        );
        const byId = new Map<string, number>();
        for (const r of rows) byId.set(r.id, (byId.get(r.id) ?? 0) + 1);
        const notOnce = leads.filter((l) => byId.get(l.leadId) !== 1);
        assertEquals(notOnce.slice(0, 10), [], "accepted leads not stored exactly once");
        assertEquals(rows.length, leads.length, "no lead stored that was not accepted");
        if (settings.databaseUrl) await db.exec(`drop schema "${settings.databaseSchema}" cascade`);
      });
    } finally {
      await Deno.remove(dataDir, { recursive: true });
    }
  },
});
