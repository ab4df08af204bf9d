import { assert, assertEquals } from "../support/assert.ts";
import { startTestApp } from "../support/app.ts";
import { setLogSink } from "../../lib/telemetry/log.ts";

Deno.test("healthz and readyz report every check", async () => {
  const app = await startTestApp();
  try {
    const health = await app.fetch("/healthz");
    assertEquals(health.status, 200);
    assertEquals((await health.json()).status, "ok");
    const ready = await app.fetch("/readyz");
    assertEquals(ready.status, 200);
    const body = await ready.json();
    assertEquals(body.status, "ready");
    for (const check of ["kv", "database", "queue", "llm"]) {
      assertEquals(body.checks[check].ok, true, check);
    }
    assertEquals(body.checks.llm.detail, "offline engine");
  } finally {
    await app.stop();
  }
});

Deno.test("readyz answers 503 within its check timeout when Postgres is unreachable", async () => {
  const closed = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = closed.addr.port;
  closed.close();
  const app = await startTestApp({
    env: { DATABASE_URL: `postgres://app:app@127.0.0.1:${port}/app` },
  });
  try {
    assertEquals((await app.fetch("/healthz")).status, 200);
    const started = performance.now();
    const ready = await app.fetch("/readyz");
    // The checks give up after 1.5 s; without that it would wait for the driver's own timeouts.
    assert(performance.now() - started < 10_000, "answered without waiting for the driver");
    assertEquals(ready.status, 503);
    const body = await ready.json();
    assertEquals(body.status, "unavailable");
    assertEquals(body.checks.database.ok, false);
    assertEquals(body.checks.kv.ok, true);
  } finally {
    await app.stop();
  }
});

Deno.test("request ids are accepted or made, returned, and logged with the trace id", async () => {
  const lines: string[] = [];
  const restore = setLogSink((line) => lines.push(line));
  const app = await startTestApp({ env: { LOG_LEVEL: "info" } });
  try {
    const traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    const given = await app.fetch("/healthz", {
      headers: {
        "x-request-id": "client-supplied-id-1",
        traceparent: `00-${traceId}-00f067aa0ba902b7-01`,
      },
    });
    await given.body?.cancel();
    assertEquals(given.headers.get("x-request-id"), "client-supplied-id-1");
    const made = await app.fetch("/healthz", { headers: { "x-request-id": "<bad id>" } });
    await made.body?.cancel();
    const id = made.headers.get("x-request-id")!;
    assert(/^[0-9a-f-]{36}$/.test(id), id);
    const entries = lines.map((l) => JSON.parse(l)).filter((e) => e.msg === "request");
    const first = entries.find((e) => e.requestId === "client-supplied-id-1");
    assertEquals(first?.traceId, traceId);
    assertEquals(first?.route, "/healthz");
    assertEquals(first?.status, 200);
    assert(typeof first?.durationMs === "number");
    assert(entries.some((e) => e.requestId === id));
  } finally {
    await app.stop();
    restore();
  }
});
