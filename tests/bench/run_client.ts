/**
 * A demo visitor's view of one agent run over HTTP: `POST /api/runs` from its own client
 * address, then the run's SSE stream read to the end, timing the first token.
 */
import { parseSse, type SseMessage } from "../support/runs.ts";
import { wallNow } from "./sse_fanout.ts";

/** What one run looked like from the client. */
export interface RunOutcome {
  status: number;
  /** The visitor: its client address and cookie (needed to read the run back). */
  ip: string;
  cookie?: string;
  runId?: string;
  /** The error body when the POST was refused. */
  error?: { code: string; message: string };
  /** POST sent to first `token` event, ms. */
  firstTokenMs?: number;
  /** POST sent to the end of the stream, ms. */
  totalMs?: number;
  events: SseMessage[];
}

let ipCounter = 0;

/** A fresh documentation-range client address per call (each visitor is someone else). */
export function nextIp(): string {
  const n = ipCounter++;
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}

/** Starts a run and follows its stream until it ends (or `timeoutMs`). */
export async function runOnce(
  baseUrl: string,
  agent: string,
  input: Record<string, unknown>,
  { ip = nextIp(), timeoutMs = 60_000 } = {},
): Promise<RunOutcome> {
  const t0 = wallNow();
  const res = await fetch(`${baseUrl}/api/runs`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": ip },
    body: JSON.stringify({ agent, input }),
  });
  const body = await res.json();
  if (res.status !== 202) return { status: res.status, ip, error: body.error, events: [] };
  const cookie = res.headers.get("set-cookie")?.split(";")[0];
  const stream = await fetch(`${baseUrl}${body.streamUrl}`, {
    headers: { "x-forwarded-for": ip, ...(cookie ? { cookie } : {}) },
    signal: AbortSignal.timeout(timeoutMs),
  });
  let text = "";
  let firstTokenMs: number | undefined;
  for await (const chunk of stream.body!.pipeThrough(new TextDecoderStream())) {
    text += chunk;
    if (firstTokenMs === undefined && text.includes("event: token")) firstTokenMs = wallNow() - t0;
  }
  return {
    status: 202,
    ip,
    cookie,
    runId: body.runId,
    firstTokenMs,
    totalMs: wallNow() - t0,
    events: parseSse(text),
  };
}

/** `GET /api/runs/:id` as the visitor who started the run (its address and cookie). */
export async function runView(baseUrl: string, run: Pick<RunOutcome, "runId" | "ip" | "cookie">) {
  const { runId, ip, cookie } = run;
  const res = await fetch(`${baseUrl}/api/runs/${runId}`, {
    headers: { "x-forwarded-for": ip, ...(cookie ? { cookie } : {}) },
  });
  return { status: res.status, body: await res.json() };
}
