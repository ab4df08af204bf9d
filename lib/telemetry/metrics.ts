/**
 * The app's metrics: every instrument is declared here, once, and recorded through the small
 * helpers below. `/metrics` renders them as Prometheus text; with `OTEL_DENO=true` the same
 * instruments also go out over OTLP.
 *
 * What to call (all synchronous, cheap, never throw):
 * - `metrics.httpRequest({ method, route, status, seconds })`: done by the request middleware.
 * - `metrics.llmCall({ provider, model, seconds, inputTokens, outputTokens, costUsd, error })`:
 *   once per LLM completion (done for you by `traceLlmCall` in tracing.ts).
 * - `metrics.toolCall({ tool, seconds, error })`: once per agent tool call (done by `traceToolCall`).
 * - `metrics.run({ agent, provider, outcome })`: when an agent run ends ("succeeded", "failed",
 *   "cancelled").
 * - `metrics.runFirstToken({ agent, provider, seconds })`: seconds from the run's creation to its
 *   first streamed token (the demo time-to-first-token SLI).
 * - `metrics.denial({ kind, rule })`: a request refused by a rate limit (`kind: "rate_limit"`),
 *   a quota (`kind: "quota"`) or the per-IP cap on open streams (`kind: "sse_cap"`); `rule` is
 *   the rule or metric name, never a subject.
 * - `metrics.job({ type, outcome, seconds, delaySeconds, retry })`: done by the queue dispatcher.
 * - `metrics.clientError({ kind })`: done by `POST /api/client-errors`.
 * - `metrics.outboxDrained({ kind, outcome })`: once per outbox entry the drainer handles.
 * - `metrics.documentRead({ kind, outcome })`: once per untrusted document read in a worker
 *   (`outcome` "ok" or the refusal code, such as "pdf_too_complex").
 * Gauges read at scrape time: open SSE connections, queue depth and oldest message age (KV
 * pending markers, see lib/jobs/run_job.ts), outbox depth and oldest entry age. Bind the KV they
 * read with `observeServices(services)` (done in lib/boot.ts).
 */
import { openSseConnections } from "../http/sse.ts";
import { prefixes } from "../../kv/keys.ts";
import { PROMETHEUS_CONTENT_TYPE, Registry, type Sample } from "./registry.ts";

export { PROMETHEUS_CONTENT_TYPE };

/** Seconds: from 5 ms to 30 s. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
/** Seconds: LLM calls and queue delays run longer. */
const SLOW_BUCKETS = [0.1, 0.25, 0.5, 1, 2, 3, 5, 10, 20, 30, 60, 120];

const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

/** The one registry of this process. */
export const registry = new Registry();

/** What the KV-backed gauges read: one KV (the most recently bound app instance). */
export interface MetricsSource {
  kv: Deno.Kv;
}

let source: MetricsSource | null = null;

/**
 * Binds the KV that queue and outbox gauges read (lib/boot.ts does it). The latest binding
 * wins (tests may run several instances in one process); a closed KV leaves the gauges out.
 */
export function observeServices(services: MetricsSource) {
  source = services;
}

const MAX_SCAN = 10_000;
const ULID_CHARS = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** Milliseconds encoded in a ULID's first 10 characters (null when it is not a ULID). */
export function ulidTime(id: string): number | null {
  if (!/^[0-9A-HJKMNP-TV-Z]{26}$/i.test(id)) return null;
  let t = 0;
  for (const ch of id.slice(0, 10).toUpperCase()) t = t * 32 + ULID_CHARS.indexOf(ch);
  return t;
}

/** Queue pending markers grouped by message type: count and oldest enqueue time (ms). */
export async function queueStats(
  kv: Deno.Kv,
): Promise<Map<string, { count: number; oldest: number }>> {
  const out = new Map<string, { count: number; oldest: number }>();
  let n = 0;
  for await (
    const e of kv.list<{ type?: string; enqueuedAt?: number }>({
      prefix: prefixes.queuePending,
    })
  ) {
    const type = String(e.value?.type ?? "unknown");
    const at = Number(e.value?.enqueuedAt ?? Date.now());
    const g = out.get(type) ?? { count: 0, oldest: at };
    g.count++;
    g.oldest = Math.min(g.oldest, at);
    out.set(type, g);
    if (++n >= MAX_SCAN) break;
  }
  return out;
}

/** Outbox entries waiting and the oldest one's time (ms, from its ULID), scanning at most 10,000. */
export async function outboxStats(kv: Deno.Kv): Promise<{ count: number; oldest: number | null }> {
  let count = 0;
  let oldest: number | null = null;
  for await (const e of kv.list({ prefix: prefixes.outbox })) {
    if (count === 0) oldest = ulidTime(String(e.key[1]));
    if (++count >= MAX_SCAN) break;
  }
  return { count, oldest };
}

const http = registry.histogram(
  "relay_http_request_duration_seconds",
  "HTTP request duration by method, route pattern and status.",
  ["method", "route", "status"],
  LATENCY_BUCKETS,
  "s",
);
const llmRequests = registry.counter(
  "relay_llm_requests_total",
  "LLM completions by provider, model and outcome (ok, error, cancelled).",
  ["provider", "model", "outcome"],
);
const llmErrors = registry.counter(
  "relay_llm_errors_total",
  "Failed LLM completions by provider, model and error kind.",
  ["provider", "model", "kind"],
);
const llmDuration = registry.histogram(
  "relay_llm_duration_seconds",
  "LLM completion latency by provider and model.",
  ["provider", "model"],
  SLOW_BUCKETS,
  "s",
);
const llmTokens = registry.counter(
  "relay_llm_tokens_total",
  "LLM tokens by provider, model and direction (input or output).",
  ["provider", "model", "direction"],
);
const llmCost = registry.counter(
  "relay_llm_cost_usd_total",
  "Estimated LLM spend in US dollars by provider and model.",
  ["provider", "model"],
  "USD",
);
const toolCalls = registry.counter(
  "relay_tool_calls_total",
  "Agent tool calls by tool and outcome.",
  ["tool", "outcome"],
);
const toolDuration = registry.histogram(
  "relay_tool_duration_seconds",
  "Agent tool call duration by tool.",
  ["tool"],
  LATENCY_BUCKETS,
  "s",
);
const runs = registry.counter(
  "relay_runs_total",
  "Agent runs finished by agent, provider and outcome (succeeded, failed, cancelled).",
  ["agent", "provider", "outcome"],
);
const firstToken = registry.histogram(
  "relay_run_time_to_first_token_seconds",
  "Seconds from a run's creation to its first streamed token.",
  ["agent", "provider"],
  SLOW_BUCKETS,
  "s",
);
const denials = registry.counter(
  "relay_denials_total",
  "Requests refused by a rate limit, quota or stream cap, by kind and rule.",
  ["kind", "rule"],
);
const jobs = registry.counter(
  "relay_queue_jobs_total",
  "Queue deliveries handled by type and outcome (ok, error: will be retried, dead: last attempt failed).",
  ["type", "outcome"],
);
const retries = registry.counter(
  "relay_queue_job_retries_total",
  "Queue deliveries that were retries of an earlier failed attempt, by type.",
  ["type"],
);
const jobDuration = registry.histogram(
  "relay_queue_job_duration_seconds",
  "Queue job handling time by type.",
  ["type"],
  LATENCY_BUCKETS,
  "s",
);
const queueDelay = registry.histogram(
  "relay_queue_delay_seconds",
  "Seconds from enqueue to the start of handling (first delivery), by type.",
  ["type"],
  SLOW_BUCKETS,
  "s",
);
const clientErrors = registry.counter(
  "relay_client_errors_total",
  "Errors reported by browsers, by kind.",
  ["kind"],
);
const outboxDrained = registry.counter(
  "relay_outbox_drained_total",
  "Outbox entries handled by the drainer, by kind and outcome (ok, error: retried, dead: refused for good).",
  ["kind", "outcome"],
);
const documentsRead = registry.counter(
  "relay_documents_read_total",
  "Untrusted documents read in a worker thread, by kind and outcome (ok or the refusal code).",
  ["kind", "outcome"],
);

registry.gauge(
  "relay_sse_connections",
  "Server-sent event streams open in this process.",
  [],
  () => openSseConnections(),
);
registry.gauge(
  "relay_queue_depth",
  "Queue messages enqueued and not yet handled, by type (shared KV).",
  ["type"],
  async (): Promise<Sample[]> => {
    if (!source) return [];
    const groups = await queueStats(source.kv);
    return [...groups].map(([type, g]) => ({ labels: { type }, value: g.count }));
  },
);
registry.gauge(
  "relay_queue_oldest_age_seconds",
  "Age of the oldest unhandled queue message, by type (shared KV).",
  ["type"],
  async (): Promise<Sample[]> => {
    if (!source) return [];
    const now = Date.now();
    const groups = await queueStats(source.kv);
    return [...groups].map(([type, g]) => ({
      labels: { type },
      value: Math.max(0, (now - g.oldest) / 1000),
    }));
  },
  "s",
);
registry.gauge(
  "relay_outbox_depth",
  "Writes waiting in the KV outbox to be drained into Postgres.",
  [],
  async () => source ? (await outboxStats(source.kv)).count : 0,
);
registry.gauge(
  "relay_outbox_oldest_age_seconds",
  "Age of the oldest outbox entry (0 when empty).",
  [],
  async () => {
    const oldest = source ? (await outboxStats(source.kv)).oldest : null;
    return oldest === null ? 0 : Math.max(0, (Date.now() - oldest) / 1000);
  },
  "s",
);

/** The instruments, for reading values (the System page, tests). */
export const instruments = {
  http,
  llmRequests,
  llmErrors,
  llmDuration,
  llmTokens,
  llmCost,
  toolCalls,
  toolDuration,
  runs,
  firstToken,
  denials,
  jobs,
  retries,
  jobDuration,
  queueDelay,
  clientErrors,
  outboxDrained,
  documentsRead,
};

/** One LLM completion. */
export interface LlmCallMetric {
  provider: string;
  model: string;
  seconds: number;
  inputTokens?: number;
  outputTokens?: number;
  costUsd?: number;
  /** An error kind (e.g. "rate_limited", "timeout", "auth_failed") when the call failed. */
  error?: string;
  /** The call was cancelled by us (a cancelled run, a shutdown): not an LLM error. */
  cancelled?: boolean;
}

/** The recording helpers other modules call (see the module comment). */
export const metrics = {
  /** One HTTP request (the request middleware calls this). */
  httpRequest(m: { method: string; route: string | null; status: number; seconds: number }) {
    const method = METHODS.has(m.method) ? m.method : "OTHER";
    http.observe({ method, route: m.route ?? "unmatched", status: m.status }, m.seconds);
  },
  /**
   * `httpRequest` bound to one method, route and status: records a request's seconds with no
   * per-call label work (the cached-page fast path keeps one per route and status).
   */
  httpRequestRecorder(m: { method: string; route: string | null; status: number }) {
    const method = METHODS.has(m.method) ? m.method : "OTHER";
    return http.bind({ method, route: m.route ?? "unmatched", status: m.status });
  },
  /** One LLM completion: latency, tokens, cost, outcome. */
  llmCall(m: LlmCallMetric) {
    const base = { provider: m.provider, model: m.model };
    llmRequests.inc({ ...base, outcome: m.error ? "error" : m.cancelled ? "cancelled" : "ok" });
    if (m.error) llmErrors.inc({ ...base, kind: m.error });
    llmDuration.observe(base, m.seconds);
    if (m.inputTokens) llmTokens.inc({ ...base, direction: "input" }, m.inputTokens);
    if (m.outputTokens) llmTokens.inc({ ...base, direction: "output" }, m.outputTokens);
    if (m.costUsd) llmCost.inc(base, m.costUsd);
  },
  /** One agent tool call. */
  toolCall(m: { tool: string; seconds: number; error?: boolean }) {
    toolCalls.inc({ tool: m.tool, outcome: m.error ? "error" : "ok" });
    toolDuration.observe({ tool: m.tool }, m.seconds);
  },
  /** An agent run ended ("succeeded", "failed" or "cancelled"). */
  run(m: { agent: string; provider: string; outcome: "succeeded" | "failed" | "cancelled" }) {
    runs.inc(m);
  },
  /** Seconds from a run's creation to its first streamed token. */
  runFirstToken(m: { agent: string; provider: string; seconds: number }) {
    firstToken.observe({ agent: m.agent, provider: m.provider }, m.seconds);
  },
  /** A request refused by a rate limit, a quota or the per-IP cap on open streams. */
  denial(m: { kind: "rate_limit" | "quota" | "sse_cap"; rule: string }) {
    denials.inc(m);
  },
  /** One queue delivery handled (the queue dispatcher calls this). */
  job(m: {
    type: string;
    outcome: "ok" | "error" | "dead";
    seconds: number;
    delaySeconds?: number;
    retry?: boolean;
  }) {
    jobs.inc({ type: m.type, outcome: m.outcome });
    jobDuration.observe({ type: m.type }, m.seconds);
    if (m.retry) retries.inc({ type: m.type });
    else if (m.delaySeconds !== undefined) queueDelay.observe({ type: m.type }, m.delaySeconds);
  },
  /** A browser error report accepted. */
  clientError(m: { kind: string }) {
    clientErrors.inc(m);
  },
  /** One outbox entry handled by the drainer. */
  outboxDrained(m: { kind: string; outcome: "ok" | "error" | "dead" }) {
    outboxDrained.inc(m);
  },
  /** One untrusted document read in a worker ("ok" or the refusal code). */
  documentRead(m: { kind: string; outcome: string }) {
    documentsRead.inc(m);
  },
};

/** Renders every metric as Prometheus text. */
export function renderMetrics(): Promise<string> {
  return registry.render();
}
