/**
 * The System page's numbers, computed from this process's metrics registry (since it started)
 * and the shared KV: each SLO's ratio and burn rate against docs/slo.md, HTTP error rate, queue
 * depth and age, outbox depth, open streams and LLM provider health.
 */
import { instruments, outboxStats, queueStats } from "./metrics.ts";
import { openSseConnections } from "../http/sse.ts";

/** One SLO as measured by this instance. */
export interface SloStatus {
  id: string;
  title: string;
  /** The target, e.g. 0.995. */
  objective: number;
  good: number;
  total: number;
  /** good / total, null without events. */
  ratio: number | null;
  /** Error ratio / error budget: 1 spends the budget exactly over the SLO window. */
  burnRate: number | null;
  status: "no_data" | "meeting" | "burning" | "burning_fast";
}

/** One LLM provider's health. */
export interface ProviderHealth {
  provider: string;
  calls: number;
  errors: number;
  errorRatio: number | null;
  /** Approximate 95th percentile latency in seconds (bucket upper bound), null without calls. */
  p95Seconds: number | null;
  /** Error kinds with their counts, most frequent first. */
  errorKinds: { kind: string; count: number }[];
  status: "no_data" | "healthy" | "degraded" | "failing";
}

/** Everything the System page shows. */
export interface SystemSnapshot {
  startedAt: string;
  slos: SloStatus[];
  http: { requests: number; errors: number; errorRatio: number | null };
  queue: { type: string; depth: number; oldestSeconds: number }[];
  outbox: { depth: number; oldestSeconds: number };
  sseConnections: number;
  providers: ProviderHealth[];
}

const startedAt = new Date().toISOString();
const NOT_PAGES = /^(\/api\/|\/demo\/|\/metrics$|\/healthz$|\/readyz$|unmatched$)/;

type HistogramSeries = ReturnType<typeof instruments.http.series>[number];

function goodUnder(
  series: HistogramSeries[],
  buckets: readonly number[],
  le: number,
  keep: (labels: Record<string, string>) => boolean = () => true,
): { good: number; total: number } {
  const i = buckets.indexOf(le);
  if (i < 0) throw new Error(`no bucket ${le}`);
  let good = 0;
  let total = 0;
  for (const s of series) {
    if (!keep(s.labels)) continue;
    good += s.counts[i];
    total += s.count;
  }
  return { good, total };
}

function slo(
  id: string,
  title: string,
  objective: number,
  { good, total }: { good: number; total: number },
): SloStatus {
  const ratio = total ? good / total : null;
  const burnRate = ratio === null ? null : (1 - ratio) / (1 - objective);
  const status = burnRate === null
    ? "no_data"
    : burnRate > 14.4
    ? "burning_fast"
    : burnRate > 1
    ? "burning"
    : "meeting";
  return { id, title, objective, good, total, ratio, burnRate, status };
}

function p95(series: HistogramSeries[], buckets: readonly number[]): number | null {
  const count = series.reduce((n, s) => n + s.count, 0);
  if (!count) return null;
  for (let i = 0; i < buckets.length; i++) {
    const under = series.reduce((n, s) => n + s.counts[i], 0);
    if (under >= 0.95 * count) return buckets[i];
  }
  return Infinity;
}

function providers(): ProviderHealth[] {
  const names = new Set(instruments.llmRequests.series().map((s) => s.labels.provider));
  return [...names].sort().map((provider) => {
    const requests = instruments.llmRequests.series().filter((s) => s.labels.provider === provider);
    const calls = requests.reduce((n, s) => n + s.value, 0);
    const errors = requests.filter((s) => s.labels.outcome === "error")
      .reduce((n, s) => n + s.value, 0);
    const kinds = new Map<string, number>();
    for (const s of instruments.llmErrors.series()) {
      if (s.labels.provider === provider) {
        kinds.set(s.labels.kind, (kinds.get(s.labels.kind) ?? 0) + s.value);
      }
    }
    const errorRatio = calls ? errors / calls : null;
    return {
      provider,
      calls,
      errors,
      errorRatio,
      p95Seconds: p95(
        instruments.llmDuration.series().filter((s) => s.labels.provider === provider),
        instruments.llmDuration.buckets,
      ),
      errorKinds: [...kinds].map(([kind, count]) => ({ kind, count }))
        .sort((a, b) => b.count - a.count),
      status: errorRatio === null
        ? "no_data"
        : errorRatio > 0.5
        ? "failing"
        : errorRatio > 0.01
        ? "degraded"
        : "healthy",
    };
  });
}

/** Computes the snapshot; `kv` is the shared KV the queue and outbox gauges read. */
export async function systemSnapshot(kv: Deno.Kv): Promise<SystemSnapshot> {
  const http = instruments.http.series();
  const buckets = instruments.http.buckets;
  const requests = http.reduce((n, s) => n + s.count, 0);
  const errors = http.filter((s) => s.labels.status.startsWith("5")).reduce(
    (n, s) => n + s.count,
    0,
  );
  const notFailed = (l: Record<string, string>) => !l.status.startsWith("5");
  const llm = instruments.llmRequests.series();
  const llmTotal = llm.reduce((n, s) => n + s.value, 0);
  const llmErrors = llm.filter((s) => s.labels.outcome === "error").reduce(
    (n, s) => n + s.value,
    0,
  );
  const [queue, outbox] = await Promise.all([queueStats(kv), outboxStats(kv)]);
  const now = Date.now();
  return {
    startedAt,
    slos: [
      slo("availability", "Availability", 0.995, { good: requests - errors, total: requests }),
      slo(
        "page_latency",
        "Page latency (500 ms)",
        0.95,
        goodUnder(
          http,
          buckets,
          0.5,
          (l) => l.method === "GET" && !NOT_PAGES.test(l.route) && notFailed(l),
        ),
      ),
      slo(
        "api_latency",
        "API latency (1 s)",
        0.99,
        goodUnder(http, buckets, 1, (l) => /^\/(api|demo)\//.test(l.route) && notFailed(l)),
      ),
      slo(
        "time_to_first_token",
        "Demo time to first token (3 s)",
        0.95,
        goodUnder(instruments.firstToken.series(), instruments.firstToken.buckets, 3),
      ),
      slo(
        "queue_delay",
        "Queue delay (10 s)",
        0.99,
        goodUnder(instruments.queueDelay.series(), instruments.queueDelay.buckets, 10),
      ),
      slo("llm_errors", "LLM calls without error", 0.99, {
        good: llmTotal - llmErrors,
        total: llmTotal,
      }),
    ],
    http: { requests, errors, errorRatio: requests ? errors / requests : null },
    queue: [...queue].map(([type, g]) => ({
      type,
      depth: g.count,
      oldestSeconds: Math.max(0, (now - g.oldest) / 1000),
    })).sort((a, b) => a.type.localeCompare(b.type)),
    outbox: {
      depth: outbox.count,
      oldestSeconds: outbox.oldest === null ? 0 : Math.max(0, (now - outbox.oldest) / 1000),
    },
    sseConnections: openSseConnections(),
    providers: providers(),
  };
}
