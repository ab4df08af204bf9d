import { AsyncLocalStorage } from "node:async_hooks";
import { trace } from "@opentelemetry/api";

/** Log levels in order of severity. */
export type LogLevel = "debug" | "info" | "warn" | "error";

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
let threshold: LogLevel = "info";
/** Buffered lines are written at least this often (and at shutdown, and before any warning). */
const FLUSH_MS = 50;
/** A buffer this large is written at once. */
const FLUSH_BYTES = 64 * 1024;
const encoder = new TextEncoder();
let pending: string[] = [];
let pendingBytes = 0;
let flushTimer: ReturnType<typeof setTimeout> | undefined;

/** Writes the buffered log lines to stdout now (called at shutdown; safe to call any time). */
export function flushLogs() {
  if (flushTimer !== undefined) clearTimeout(flushTimer);
  flushTimer = undefined;
  if (pending.length === 0) return;
  const bytes = encoder.encode(pending.join("\n") + "\n");
  pending = [];
  pendingBytes = 0;
  for (let written = 0; written < bytes.length;) {
    written += Deno.stdout.writeSync(bytes.subarray(written));
  }
}

/**
 * The default sink: lines gathered and written to stdout in one write per 50 ms (or 64 KiB)
 * instead of one synchronous write each; `log` flushes at once for warnings and errors.
 */
function bufferedStdout(line: string) {
  pending.push(line);
  pendingBytes += line.length + 1;
  if (pendingBytes >= FLUSH_BYTES) return flushLogs();
  if (flushTimer === undefined) {
    const timer = setTimeout(flushLogs, FLUSH_MS);
    Deno.unrefTimer(timer);
    flushTimer = timer;
  }
}

globalThis.addEventListener("unload", flushLogs);

let sink: (line: string) => void = bufferedStdout;

/** Fields attached to a log line; ids only, never secrets or personal data. */
export type LogFields = Record<string, unknown>;

/** Sets the minimum level written. */
export function setLogLevel(level: LogLevel) {
  threshold = level;
}

/** Redirects log lines (tests capture them here). Returns a function restoring the old sink. */
export function setLogSink(next: (line: string) => void): () => void {
  const previous = sink;
  sink = next;
  return () => (sink = previous);
}

function errorFields(value: unknown): unknown {
  if (value instanceof Error) {
    return { name: value.name, message: value.message, stack: value.stack };
  }
  return value;
}

const context = new AsyncLocalStorage<LogFields>();

/**
 * Runs `fn` with correlation fields (requestId, traceId, spanId, workspaceId, userId...) added
 * to every line it logs, including from awaited work it starts. Nested calls merge.
 */
export function withLogContext<T>(fields: LogFields, fn: () => T): T {
  return context.run({ ...context.getStore(), ...fields }, fn);
}

/**
 * Adds fields to the current log context (e.g. `userId`, `workspaceId` once a session is
 * known); a no-op outside `withLogContext`.
 */
export function addLogContext(fields: LogFields) {
  const store = context.getStore();
  if (store) Object.assign(store, fields);
}

/** The current correlation fields (empty outside `withLogContext`). */
export function logContext(): Readonly<LogFields> {
  return context.getStore() ?? {};
}

/** Writes one JSON line: time, level, message, correlation ids and fields. */
export function log(level: LogLevel, msg: string, fields: LogFields = {}) {
  if (ORDER[level] < ORDER[threshold]) return;
  const entry: Record<string, unknown> = { time: new Date().toISOString(), level, msg };
  const store = context.getStore();
  if (store) Object.assign(entry, store);
  const span = trace.getActiveSpan()?.spanContext();
  if (span && span.traceFlags !== undefined && !/^0+$/.test(span.traceId)) {
    entry.traceId = span.traceId;
    entry.spanId = span.spanId;
  }
  for (const [k, v] of Object.entries(fields)) {
    if (v !== undefined) entry[k] = k === "error" ? errorFields(v) : v;
  }
  sink(JSON.stringify(entry));
  if (ORDER[level] >= ORDER.warn) flushLogs();
}

/** Level-named shorthands for `log`. */
export const logger = {
  debug: (msg: string, fields?: LogFields) => log("debug", msg, fields),
  info: (msg: string, fields?: LogFields) => log("info", msg, fields),
  warn: (msg: string, fields?: LogFields) => log("warn", msg, fields),
  error: (msg: string, fields?: LogFields) => log("error", msg, fields),
};
