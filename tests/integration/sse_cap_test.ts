/**
 * Issue 14 item 16: one client IP could hold any number of SSE connections open (300 were all
 * accepted). `SSE_MAX_PER_IP` caps them across /demo/stream and /api/runs/:id/stream with a
 * 429 JSON error and `relay_denials_total{kind="sse_cap"}`; a slot is free again once its
 * client disconnects.
 */
import { assertEquals, assertStringIncludes } from "../support/assert.ts";
import { startTestApp, type TestApp } from "../support/app.ts";
import { parsePrometheus } from "../support/prometheus.ts";
import { Visitor } from "../support/runs.ts";
import { openStreamsOf } from "../../lib/http/sse_slots.ts";

const TOKEN = `sse-cap-test-${crypto.randomUUID()}`;
const CAP = 3;

async function denials(app: TestApp): Promise<number> {
  const res = await app.fetch("/metrics", { headers: { authorization: `Bearer ${TOKEN}` } });
  return parsePrometheus(await res.text())
    .value("relay_denials_total", { kind: "sse_cap", rule: "sse_per_ip" });
}

/** An open stream over its own TCP connection, which `close` really ends. */
interface RawStream {
  status: number;
  close(): void;
}

/**
 * Opens a stream as `ip` on a raw connection and reads until its first bytes (the `retry:`
 * hint), or the status line of a refusal.
 */
async function open(app: TestApp, path: string, ip: string): Promise<RawStream> {
  const { hostname, port } = new URL(app.url);
  const conn = await Deno.connect({ hostname, port: Number(port) });
  await conn.write(
    new TextEncoder().encode(
      `GET ${path} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nX-Forwarded-For: ${ip}\r\n` +
        "Accept: text/event-stream\r\n\r\n",
    ),
  );
  const buf = new Uint8Array(4096);
  let text = "";
  while (!/\r\n\r\n[\s\S]*retry:/.test(text) && !/^HTTP\/1\.1 [^2]/.test(text)) {
    const n = await conn.read(buf);
    if (n === null) break;
    text += new TextDecoder().decode(buf.subarray(0, n));
  }
  let closed = false;
  return {
    status: Number(text.slice(9, 12)),
    close() {
      if (!closed) conn.close();
      closed = true;
    },
  };
}

async function waitFor(what: string, ok: () => boolean, ms = 30_000) {
  const until = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

Deno.test("streams per client IP are capped with a 429 and a metric, and released on disconnect", async () => {
  const app = await startTestApp({
    env: {
      SSE_MAX_PER_IP: String(CAP),
      TRUSTED_PROXY: "true",
      METRICS_TOKEN: TOKEN,
    },
  });
  const streams: RawStream[] = [];
  try {
    // A server notices a gone client when it next writes: a 1 s heartbeat makes that prompt.
    const feed = "/demo/stream?heartbeat=1";
    const visitor = new Visitor(app);
    const runId = await visitor.start("docs-assistant", { question: "How do I start a run?" });
    const ip = visitor.ip;
    const before = await denials(app);
    const paths = [feed, feed, feed];
    for (const path of paths) {
      streams.push(await open(app, path, ip));
      assertEquals(streams.at(-1)!.status, 200, path);
    }
    await waitFor("three open streams", () => openStreamsOf(ip) === CAP);
    const refused = await app.fetch("/demo/stream", { headers: { "x-forwarded-for": ip } });
    assertEquals(refused.status, 429);
    assertEquals(refused.headers.get("retry-after"), "5");
    const body = await refused.json();
    assertEquals(body.error.code, "too_many_streams");
    assertStringIncludes(body.error.message, "at most 3");
    assertEquals(await denials(app), before + 1);
    const runRefused = await visitor.fetch(`/api/runs/${runId}/stream`);
    assertEquals(runRefused.status, 429, "the cap spans both stream routes");
    await runRefused.body?.cancel();

    const elsewhere = await open(app, "/demo/stream", "10.200.0.1");
    assertEquals(elsewhere.status, 200, "another address has its own slots");
    elsewhere.close();

    streams[1].close();
    await waitFor("the slot is released", () => openStreamsOf(ip) === CAP - 1);
    streams.push(await open(app, feed, ip));
    assertEquals(streams.at(-1)!.status, 200, "a freed slot can be taken again");

    const heads = "10.200.0.2";
    for (let i = 0; i < CAP * 2; i++) {
      const res = await app.fetch("/demo/stream", {
        method: "HEAD",
        headers: { "x-forwarded-for": heads },
      });
      assertEquals(res.status, 200, "HEAD requests hold no slot once answered");
      await res.body?.cancel();
    }
    await waitFor("HEAD slots released", () => openStreamsOf(heads) === 0);
  } finally {
    for (const stream of streams) stream.close();
    await app.stop();
  }
});
