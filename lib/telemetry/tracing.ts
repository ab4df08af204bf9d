/**
 * Spans over `@opentelemetry/api` (tracer "relay"). With `OTEL_DENO=true` Deno's built-in
 * exporter sends them, nested under Deno's own HTTP server and fetch spans; otherwise they are
 * no-ops and the W3C ids still travel through {@link currentTraceparent} and the log context.
 *
 * What to call:
 * - `withSpan(name, attributes, fn)`: any unit of work worth seeing in a trace.
 * - `traceLlmCall({ provider, model }, (call) => ...)`: an LLM completion; call
 *   `call.usage({ inputTokens, outputTokens, costUsd, responseModel })` when usage is known and
 *   `call.firstToken()` on the first streamed token. Records GenAI span attributes and metrics.
 * - `traceToolCall(tool, fn)`: one agent tool call (span + metrics).
 * - `traceFields()`: `{ traceparent, requestId }` to spread into a queue message (the queue
 *   `enqueue` helper does it for you), so the worker joins the request's trace.
 */
import {
  type Attributes,
  type Context,
  context,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  trace,
  TraceFlags,
} from "@opentelemetry/api";
import { logContext } from "./log.ts";
import { metrics } from "./metrics.ts";
import { formatTraceparent, parseTraceparent, type TraceContext } from "./trace_context.ts";

/** The app's tracer. */
export const tracer = trace.getTracer("relay");

/** Options for {@link withSpan}. */
export interface SpanOptions {
  kind?: SpanKind;
  /** Parent context (default: the active one). */
  parent?: Context;
}

/** Records `error` on `span` and marks it failed. */
export function recordError(span: Span, error: unknown) {
  if (error instanceof Error) span.recordException(error);
  span.setStatus({
    code: SpanStatusCode.ERROR,
    message: error instanceof Error ? error.name : "error",
  });
}

/**
 * Runs `fn` inside a new active span; the span ends when `fn` settles and records a thrown
 * error (which is rethrown). Attributes with undefined values are dropped.
 */
export async function withSpan<T>(
  name: string,
  attributes: Attributes,
  fn: (span: Span) => T | Promise<T>,
  options: SpanOptions = {},
): Promise<T> {
  const attrs = Object.fromEntries(Object.entries(attributes).filter(([, v]) => v !== undefined));
  return await tracer.startActiveSpan(
    name,
    { kind: options.kind ?? SpanKind.INTERNAL, attributes: attrs },
    options.parent ?? context.active(),
    async (span) => {
      try {
        return await fn(span);
      } catch (error) {
        recordError(span, error);
        throw error;
      } finally {
        span.end();
      }
    },
  );
}

/** The active span's ids, when a real (exported) span is active. */
export function activeTraceContext(): TraceContext | null {
  const sc = trace.getActiveSpan()?.spanContext();
  if (!sc || !trace.isSpanContextValid(sc)) return null;
  return {
    traceId: sc.traceId,
    spanId: sc.spanId,
    sampled: (sc.traceFlags & TraceFlags.SAMPLED) === TraceFlags.SAMPLED,
  };
}

/**
 * The `traceparent` of the current work: the active span, else the ids in the log context
 * (a request or queue job traced without an exporter); undefined outside any.
 */
export function currentTraceparent(): string | undefined {
  const active = activeTraceContext();
  if (active) return formatTraceparent(active);
  const { traceId, spanId } = logContext();
  if (typeof traceId === "string" && typeof spanId === "string") {
    return formatTraceparent({ traceId, spanId, sampled: true });
  }
  return undefined;
}

/** Fields to spread into a queue message so its handler joins this trace and request. */
export function traceFields(): { traceparent?: string; requestId?: string } {
  const requestId = logContext().requestId;
  return {
    traceparent: currentTraceparent(),
    requestId: typeof requestId === "string" ? requestId : undefined,
  };
}

/** An OpenTelemetry context whose parent is the remote span named by `traceparent`. */
export function contextFromTraceparent(traceparent: string | undefined | null): Context {
  const parsed = parseTraceparent(traceparent);
  if (!parsed) return ROOT_CONTEXT;
  return trace.setSpanContext(ROOT_CONTEXT, {
    traceId: parsed.traceId,
    spanId: parsed.spanId,
    traceFlags: parsed.sampled ? TraceFlags.SAMPLED : TraceFlags.NONE,
    isRemote: true,
  });
}

/** Token usage and cost of one LLM call. */
export interface LlmUsage {
  inputTokens?: number;
  outputTokens?: number;
  costUsd?: number;
  /** The model the provider says answered (may differ from the requested one). */
  responseModel?: string;
}

/** Handed to the body of {@link traceLlmCall}. */
export interface LlmCall {
  span: Span;
  /** Records usage on the span (GenAI attributes) and for the metrics. */
  usage(usage: LlmUsage): void;
  /** Marks the first streamed token (a span event). */
  firstToken(): void;
}

/**
 * Maps an LLM call's error to a short kind for metrics: the provider error's `code` when it has
 * one (e.g. "rate_limited", "auth_failed", "timeout"), else the HTTP status class; null when the
 * call was cancelled or interrupted by us (a cancelled run, a shutdown), which is no LLM error.
 */
export function llmErrorKind(error: unknown): string | null {
  const e = error as { code?: unknown; status?: unknown; why?: unknown; name?: unknown };
  if (
    e?.name === "AbortError" || ["cancelled", "shutdown", "lease_lost"].includes(String(e?.why))
  ) {
    return null;
  }
  if (typeof e?.why === "string") return e.why;
  if (typeof e?.code === "string" && /^[a-z_]{1,40}$/.test(e.code)) return e.code;
  const status = e?.status;
  if (status === 401 || status === 403) return "auth_failed";
  if (status === 429) return "rate_limited";
  if (typeof status === "number" && status >= 500) return "provider_unavailable";
  if (typeof status === "number" && status >= 400) return "provider_rejected";
  if (e?.name === "TimeoutError") return "timeout";
  return "other";
}

/**
 * Runs one LLM call in a GenAI client span (`chat {model}` with `gen_ai.system`,
 * `gen_ai.request.model`, `gen_ai.usage.input_tokens`, `gen_ai.usage.output_tokens`,
 * `relay.llm.cost_usd`) and records the LLM metrics (latency, tokens, cost, errors).
 * `provider` is e.g. "openai" or "offline".
 */
export async function traceLlmCall<T>(
  request: { provider: string; model: string; operation?: string },
  fn: (call: LlmCall) => T | Promise<T>,
): Promise<T> {
  const operation = request.operation ?? "chat";
  const started = performance.now();
  const recorded: LlmUsage = {};
  try {
    const result = await withSpan(
      `${operation} ${request.model}`,
      {
        "gen_ai.operation.name": operation,
        "gen_ai.system": request.provider,
        "gen_ai.provider.name": request.provider,
        "gen_ai.request.model": request.model,
      },
      (span) =>
        fn({
          span,
          usage(usage) {
            Object.assign(recorded, usage);
            if (usage.inputTokens !== undefined) {
              span.setAttribute("gen_ai.usage.input_tokens", usage.inputTokens);
            }
            if (usage.outputTokens !== undefined) {
              span.setAttribute("gen_ai.usage.output_tokens", usage.outputTokens);
            }
            if (usage.costUsd !== undefined) span.setAttribute("relay.llm.cost_usd", usage.costUsd);
            if (usage.responseModel) {
              span.setAttribute("gen_ai.response.model", usage.responseModel);
            }
          },
          firstToken() {
            span.addEvent("gen_ai.first_token");
          },
        }),
      { kind: SpanKind.CLIENT },
    );
    metrics.llmCall({
      ...request,
      seconds: (performance.now() - started) / 1000,
      ...recorded,
    });
    return result;
  } catch (error) {
    metrics.llmCall({
      ...request,
      seconds: (performance.now() - started) / 1000,
      ...recorded,
      error: llmErrorKind(error) ?? undefined,
      cancelled: llmErrorKind(error) === null,
    });
    throw error;
  }
}

/** Runs one agent tool call in an `execute_tool {tool}` span and records tool metrics. */
export async function traceToolCall<T>(
  tool: string,
  fn: (span: Span) => T | Promise<T>,
  attributes: Attributes = {},
): Promise<T> {
  const started = performance.now();
  let failed = false;
  try {
    return await withSpan(
      `execute_tool ${tool}`,
      { "gen_ai.operation.name": "execute_tool", "gen_ai.tool.name": tool, ...attributes },
      fn,
    );
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    metrics.toolCall({ tool, seconds: (performance.now() - started) / 1000, error: failed });
  }
}

export { SpanKind };
export type { Span };
