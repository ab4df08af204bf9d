/**
 * Traces, metrics and logs of the real server (`main.ts` in a child process with Deno's built-in
 * OpenTelemetry exporter) as an operator's collector and log pipeline receive them.
 */
import { assert, assertEquals } from "../support/assert.ts";
import { startServerProcess } from "../support/process.ts";
import { parsePrometheus } from "../support/prometheus.ts";

const TOKEN = "otel-test-metrics-token-0123456789"; // secret-scan: allow
const traceId = "5c0ffee0c0ffee0c0ffee0c0ffee0c0f";
const requestId = "otel-test-request-0001";

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: Record<string, unknown>;
  scope: string;
}

type OtlpValue = {
  stringValue?: string;
  intValue?: string | number;
  doubleValue?: number;
  boolValue?: boolean;
};

function attrs(list: { key: string; value: OtlpValue }[] = []): Record<string, unknown> {
  return Object.fromEntries(
    list.map(({ key, value }) => [
      key,
      value.stringValue ?? (value.intValue !== undefined ? Number(value.intValue) : undefined) ??
        value.doubleValue ?? value.boolValue,
    ]),
  );
}

/** A loopback OTLP/HTTP JSON receiver. */
function otlpReceiver() {
  const spans: OtlpSpan[] = [];
  const metricNames = new Set<string>();
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (req) => {
    const path = new URL(req.url).pathname;
    const body = await req.json();
    if (path === "/v1/traces") {
      for (const rs of body.resourceSpans ?? []) {
        for (const ss of rs.scopeSpans ?? []) {
          for (const s of ss.spans ?? []) {
            spans.push({
              traceId: s.traceId,
              spanId: s.spanId,
              parentSpanId: s.parentSpanId || undefined,
              name: s.name,
              kind: s.kind,
              attributes: attrs(s.attributes),
              scope: ss.scope?.name ?? "",
            });
          }
        }
      }
    } else if (path === "/v1/metrics") {
      for (const rm of body.resourceMetrics ?? []) {
        for (const sm of rm.scopeMetrics ?? []) {
          for (const m of sm.metrics ?? []) metricNames.add(m.name);
        }
      }
    }
    return Response.json({});
  });
  return { server, spans, metricNames, url: `http://127.0.0.1:${server.addr.port}` };
}

async function until<T>(
  fn: () => T | undefined | Promise<T | undefined>,
  ms: number,
  what: string,
) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const v = await fn();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

Deno.test("one trace holds the request, its database, queue, LLM and tool spans; logs and metrics agree", async () => {
  const otlp = otlpReceiver();
  const server = await startServerProcess({
    OTEL_DENO: "true",
    OTEL_EXPORTER_OTLP_ENDPOINT: otlp.url,
    OTEL_EXPORTER_OTLP_PROTOCOL: "http/json",
    OTEL_SERVICE_NAME: "relay",
    OTEL_METRIC_EXPORT_INTERVAL: "1000",
    KV_PATH: ":memory:",
    DATABASE_URL: "memory://",
    OFFLINE_CHUNK_DELAY_MS: "0",
    METRICS_TOKEN: TOKEN,
  }, 90_000);
  try {
    const res = await fetch(`${server.url}/api/runs`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        origin: server.url,
        "x-request-id": requestId,
        traceparent: `00-${traceId}-b7ad6b7169203331-01`,
      },
      body: JSON.stringify({
        agent: "docs-assistant",
        input: { question: "How do I rotate secrets?" },
      }),
    });
    const created = await res.json();
    const cookie = res.headers.get("set-cookie")?.split(";")[0] ?? "";
    assertEquals(res.status, 202, JSON.stringify(created));
    const run = await until(
      async () => {
        const r = await fetch(`${server.url}/api/runs/${created.runId}`, {
          headers: { origin: server.url, cookie },
        });
        const body = await r.json();
        return ["succeeded", "failed", "cancelled"].includes(body.status) ? body : undefined;
      },
      60_000,
      "the run to finish",
    );
    assertEquals(run.status, "succeeded", JSON.stringify(run));

    const prom = await until(
      async () => {
        const scraped = await fetch(`${server.url}/metrics`, {
          headers: { authorization: `Bearer ${TOKEN}` },
        });
        const prom = parsePrometheus(await scraped.text());
        return prom.value("relay_queue_jobs_total", { type: "agent_run", outcome: "ok" }) > 0
          ? prom
          : undefined;
      },
      10_000,
      "the job to be counted (it ends just after the run's status is saved)",
    );
    assertEquals(
      prom.value("relay_runs_total", { agent: "docs-assistant", outcome: "succeeded" }),
      1,
    );
    assertEquals(prom.value("relay_llm_requests_total", { provider: "offline", outcome: "ok" }), 1);
    assert(prom.value("relay_tool_calls_total", { outcome: "ok" }) >= 1, "a tool call counted");
    assertEquals(prom.value("relay_queue_jobs_total", { type: "agent_run", outcome: "ok" }), 1);
    assertEquals(prom.value("relay_queue_delay_seconds_count", { type: "agent_run" }), 1);
    assertEquals(prom.value("relay_run_time_to_first_token_seconds_count"), 1);
    assert(
      prom.value("relay_llm_tokens_total", { provider: "offline", direction: "output" }) > 0,
      "tokens counted",
    );
    await until(
      () => otlp.metricNames.has("relay_http_request_duration_seconds"),
      30_000,
      "OTLP metrics",
    );
  } finally {
    assertEquals(await server.stop(), 0, server.output());
  }

  const trace = await until(
    () => {
      const t = otlp.spans.filter((s) => s.traceId === traceId);
      return t.some((s) => s.name.startsWith("execute_tool")) &&
          t.some((s) => s.name === "chat offline")
        ? t
        : undefined;
    },
    10_000,
    "the run's spans",
  );
  await otlp.server.shutdown();

  const byId = new Map(trace.map((s) => [s.spanId, s]));
  const ancestors = (s: OtlpSpan): string[] => {
    const names: string[] = [];
    for (
      let p = s.parentSpanId && byId.get(s.parentSpanId);
      p;
      p = p.parentSpanId && byId.get(p.parentSpanId)
    ) {
      names.push(p.name, p.spanId);
    }
    return names;
  };
  const find = (pred: (s: OtlpSpan) => boolean, what: string) => {
    const s = trace.find(pred);
    assert(s, `${what} in the trace; got ${trace.map((t) => t.name).join(", ")}`);
    return s;
  };
  const server_ = find(
    (s) => s.scope === "deno" && s.kind === 2 && s.attributes["http.request.method"] === "POST",
    "the server span",
  );
  assertEquals(server_.parentSpanId, "b7ad6b7169203331", "joined the caller's traceparent");
  const handler = find((s) => s.name === "POST /api/runs", "the route handler span");
  assertEquals(handler.parentSpanId, server_.spanId);
  assertEquals(handler.attributes["http.route"], "/api/runs");
  const insert = find(
    (s) => s.attributes["db.system.name"] === "postgresql" && ancestors(s).includes(server_.spanId),
    "a database span under the request",
  );
  assert(String(insert.attributes["db.query.text"]).length > 0, "query text recorded");
  const queue = find((s) => s.name === "queue agent_run", "the queue job span");
  assertEquals(queue.kind, 5, "a consumer span");
  assert(ancestors(queue).includes(server_.spanId), "the job joins the request that enqueued it");
  const llm = find((s) => s.name === "chat offline", "the LLM span");
  assertEquals(llm.attributes["gen_ai.system"], "offline");
  assertEquals(llm.attributes["gen_ai.request.model"], "offline");
  assert(Number(llm.attributes["gen_ai.usage.input_tokens"]) > 0, "input tokens");
  assert(Number(llm.attributes["gen_ai.usage.output_tokens"]) > 0, "output tokens");
  assertEquals(llm.attributes["relay.llm.cost_usd"], 0);
  assert(
    ancestors(llm).includes(server_.spanId),
    "the LLM call belongs to the request that started the run (here, or in its job)",
  );
  const tool = find((s) => s.name.startsWith("execute_tool "), "a tool span");
  assert(ancestors(tool).includes("chat offline"), "the tool call belongs to the LLM call");

  const lines = server.output().split("\n").filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l));
  const ofRequest = lines.filter((l) => l.requestId === requestId);
  const access = ofRequest.find((l) => l.msg === "request");
  const worker = ofRequest.find((l) => l.msg === "queue job done");
  assert(access && worker, `server and worker lines carry the request id:\n${server.output()}`);
  assertEquals(access.traceId, traceId);
  assertEquals(worker.traceId, traceId);
  assertEquals(worker.jobType, "agent_run");
  assert(worker.spanId !== access.spanId, "each line names its own span");
});
