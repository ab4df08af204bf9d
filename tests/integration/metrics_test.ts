import { assert, assertEquals, assertStringIncludes } from "../support/assert.ts";
import { startTestApp, type TestApp } from "../support/app.ts";
import { parsePrometheus } from "../support/prometheus.ts";
import { setLogSink } from "../../lib/telemetry/log.ts";
import { createMember } from "../support/members.ts";
import { Visitor } from "../support/runs.ts";

const TOKEN = "metrics-token-for-tests-0123456789abcdef"; // secret-scan: allow

async function scrape(app: TestApp) {
  const res = await app.fetch("/metrics", { headers: { authorization: `Bearer ${TOKEN}` } });
  assertEquals(res.status, 200);
  assertStringIncludes(res.headers.get("content-type") ?? "", "text/plain; version=0.0.4");
  return parsePrometheus(await res.text());
}

function report(app: TestApp, body: unknown, headers: HeadersInit = {}) {
  return app.fetch("/api/client-errors", {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

Deno.test("/metrics is closed without a token and refuses a wrong one", async () => {
  const closed = await startTestApp();
  try {
    const res = await closed.fetch("/metrics", { headers: { authorization: `Bearer ${TOKEN}` } });
    assertEquals(res.status, 404);
    await res.body?.cancel();
  } finally {
    await closed.stop();
  }
  const app = await startTestApp({ env: { METRICS_TOKEN: TOKEN } });
  try {
    for (const authorization of [undefined, "Bearer wrong", `Basic ${TOKEN}`]) {
      const res = await app.fetch("/metrics", {
        headers: authorization ? { authorization } : {},
      });
      assertEquals(res.status, 401, String(authorization));
      assertEquals(res.headers.get("www-authenticate"), 'Bearer realm="metrics"');
      await res.body?.cancel();
    }
  } finally {
    await app.stop();
  }
});

Deno.test("/metrics counts requests, runs, client errors and denials; logs and the System page agree", async () => {
  const app = await startTestApp({
    env: {
      METRICS_TOKEN: TOKEN,
      LOG_LEVEL: "info",
      OFFLINE_CHUNK_DELAY_MS: "0",
      SITE_OPERATORS: "ops@example.com",
    },
  });
  const lines: string[] = [];
  const restore = setLogSink((line) => lines.push(line));
  try {
    const before = await scrape(app);
    for (
      const family of [
        "relay_http_request_duration_seconds",
        "relay_sse_connections",
        "relay_queue_depth",
        "relay_queue_oldest_age_seconds",
        "relay_queue_jobs_total",
        "relay_llm_requests_total",
        "relay_llm_tokens_total",
        "relay_llm_cost_usd_total",
        "relay_denials_total",
        "relay_outbox_depth",
      ]
    ) assert(before.types.has(family), `declares ${family}`);
    assertEquals(before.value("relay_sse_connections"), 0);

    const health = await app.fetch("/healthz");
    assertEquals(health.status, 200);
    await health.body?.cancel();

    const accepted = await report(app, {
      kind: "error",
      message: "TypeError: x is undefined",
      source: "http://127.0.0.1/_fresh/js/island-abc.js?token=secret",
      line: 3,
      column: 14,
      page: "/pricing?email=someone@example.com",
      traceparent: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
    });
    assertEquals(accepted.status, 204);
    const logged = lines.map((l) => JSON.parse(l)).find((l) => l.msg === "client error");
    assert(logged, "the report is logged");
    assertEquals(logged.page, "/pricing");
    assertEquals(logged.source, "http://127.0.0.1/_fresh/js/island-abc.js");
    assertEquals(logged.pageTraceId, "4bf92f3577b34da6a3ce929d0e0e4736");
    assert(!JSON.stringify(logged).includes("someone@example.com"), "no query strings logged");

    const invalid = await report(app, { kind: "error", message: "" });
    assertEquals(invalid.status, 400);
    assertEquals((await invalid.json()).error.code, "invalid_report");
    const extra = await report(app, { kind: "error", message: "m", cookie: "x" });
    assertEquals(extra.status, 400);
    await extra.body?.cancel();
    const notJson = await report(app, "{nope");
    assertEquals(notJson.status, 400);
    await notJson.body?.cancel();
    const huge = await report(app, { kind: "error", message: "m", stack: "x".repeat(20_000) });
    assertEquals(huge.status, 413);
    await huge.body?.cancel();

    let denied: Response | undefined;
    for (let i = 0; i < 40 && !denied; i++) {
      const res = await report(app, { kind: "report", message: `report ${i}` });
      if (res.status === 429) denied = res;
      else await res.body?.cancel();
    }
    assert(denied, "reports are rate-limited");
    assert(denied.headers.get("retry-after"), "429 says when to retry");
    await denied.body?.cancel();

    // A run: its request and its queue job log with the same request and trace ids.
    const visitor = new Visitor(app);
    const runId = await visitor.start("docs-assistant", { question: "How do I rotate secrets?" }, {
      "x-request-id": "metrics-test-run-request",
    });
    const events = await visitor.stream(runId);
    assertEquals(events.at(-1)?.event, "done");
    const parsed = lines.map((l) => JSON.parse(l));
    const access = parsed.find((l) =>
      l.msg === "request" && l.requestId === "metrics-test-run-request"
    );
    assert(access, "the run request is logged");
    let worker: Record<string, unknown> | undefined;
    for (let i = 0; i < 300 && !worker; i++) {
      worker = lines.map((l) => JSON.parse(l)).find((l) =>
        l.msg === "queue job done" && l.requestId === "metrics-test-run-request"
      );
      if (!worker) await new Promise((r) => setTimeout(r, 100));
    }
    assert(worker, "the worker logs with the request id it was enqueued by");
    assertEquals(worker.traceId, access.traceId);
    assertEquals(worker.jobType, "agent_run");

    const after = await scrape(app);
    assertEquals(
      after.value("relay_runs_total", { agent: "docs-assistant", outcome: "succeeded" }),
      1,
    );
    assertEquals(
      after.value("relay_llm_requests_total", { provider: "offline", outcome: "ok" }),
      1,
    );
    assert(after.value("relay_tool_calls_total") >= 1, "tool calls counted");
    assertEquals(
      after.value("relay_http_request_duration_seconds_count", {
        method: "GET",
        route: "/healthz",
        status: "200",
      }),
      before.value("relay_http_request_duration_seconds_count", {
        method: "GET",
        route: "/healthz",
        status: "200",
      }) + 1,
    );
    const inf = after.samples.find((s) =>
      s.name === "relay_http_request_duration_seconds_bucket" && s.labels.route === "/healthz" &&
      s.labels.le === "+Inf"
    );
    assertEquals(inf?.value, 1);
    assert(
      after.value("relay_client_errors_total", { kind: "error" }) >= 1,
      "client error counted",
    );
    assertEquals(
      after.value("relay_denials_total", { kind: "rate_limit", rule: "client_errors" }),
      1,
    );
    assert(
      after.value("relay_http_request_duration_seconds_count", {
        route: "/api/client-errors",
        status: "429",
      }) === 1,
      "the 429 is counted by route and status",
    );

    const owner = await createMember(app.services, app.url, "ops@example.com", "Ops");
    const page = await app.fetch(`/dashboard/${owner.workspace.slug}/system`, {
      headers: { cookie: owner.cookie },
    });
    assertEquals(page.status, 200);
    const html = await page.text();
    for (
      const id of [
        "availability",
        "page_latency",
        "api_latency",
        "time_to_first_token",
        "queue_delay",
        "llm_errors",
      ]
    ) {
      assertStringIncludes(html, `data-slo="${id}"`);
    }
    assert(
      /data-slo="availability"[\s\S]*?data-status="meeting"/.test(html),
      "availability is met",
    );
    assert(
      /data-provider="offline"[\s\S]*?data-status="healthy"/.test(html),
      "offline provider healthy",
    );
    assertStringIncludes(html, 'data-system="queue-empty"');
    assertStringIncludes(html, 'aria-current="page"');
    const anonymous = await app.fetch(`/dashboard/${owner.workspace.slug}/system`, {
      headers: { accept: "application/json" },
    });
    assertEquals(anonymous.status, 401);
    await anonymous.body?.cancel();
  } finally {
    restore();
    await app.stop();
  }
});
