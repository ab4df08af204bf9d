/** Helpers for runs API tests: start a run as a visitor, read its SSE stream to the end. */
import { assertEquals } from "./assert.ts";
import type { TestApp } from "./app.ts";

/** One parsed server-sent event. */
export interface SseMessage {
  id: number | null;
  event: string;
  // deno-lint-ignore no-explicit-any
  data: any;
}

/** Parses an SSE body (comments and `retry:` lines are skipped). */
export function parseSse(text: string): SseMessage[] {
  const out: SseMessage[] = [];
  for (const block of text.split("\n\n")) {
    let id: number | null = null;
    let event = "message";
    const data: string[] = [];
    for (const line of block.split("\n")) {
      if (line.startsWith("id: ")) id = Number(line.slice(4));
      else if (line.startsWith("event: ")) event = line.slice(7);
      else if (line.startsWith("data: ")) data.push(line.slice(6));
    }
    if (data.length) out.push({ id, event, data: JSON.parse(data.join("\n")) });
  }
  return out;
}

/** A visitor: its own client IP (X-Forwarded-For; the app trusts it in tests) and cookie. */
export class Visitor {
  cookie = "";
  readonly ip: string;

  constructor(readonly app: Pick<TestApp, "url" | "fetch">) {
    const n = crypto.getRandomValues(new Uint8Array(3));
    this.ip = `10.${n[0]}.${n[1]}.${n[2]}`;
  }

  /** Fetches as this visitor (same-origin, with its cookie and IP). */
  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set("x-forwarded-for", this.ip);
    headers.set("origin", this.app.url);
    if (this.cookie) headers.set("cookie", this.cookie);
    const res = await this.app.fetch(path, { ...init, headers });
    const set = res.headers.get("set-cookie");
    if (set) this.cookie = set.split(";")[0];
    return res;
  }

  /** `POST /api/runs`; returns the response and its JSON. */
  async post(agent: string, input: unknown, headers: HeadersInit = {}) {
    const res = await this.fetch("/api/runs", {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ agent, input }),
    });
    return { res, body: await res.json() };
  }

  /** Starts a run and returns its id (asserting the 202). */
  async start(agent: string, input: unknown, headers: HeadersInit = {}): Promise<string> {
    const { res, body } = await this.post(agent, input, headers);
    assertEquals(res.status, 202, JSON.stringify(body));
    return body.runId;
  }

  /** Reads the run's stream until it ends. */
  async stream(runId: string, lastEventId?: number): Promise<SseMessage[]> {
    const res = await this.fetch(`/api/runs/${runId}/stream`, {
      headers: lastEventId === undefined ? {} : { "last-event-id": String(lastEventId) },
    });
    assertEquals(res.status, 200);
    return parseSse(await res.text());
  }

  /** `GET /api/runs/:id` as JSON (asserting 200). */
  async run(runId: string) {
    const res = await this.fetch(`/api/runs/${runId}`);
    assertEquals(res.status, 200);
    return await res.json();
  }
}

/** Concatenated token texts of a stream (after the last `started`, as the demo shows them). */
export function streamedText(events: SseMessage[]): string {
  const from = events.findLastIndex((e) => e.event === "started");
  return events.slice(from + 1).filter((e) => e.event === "token").map((e) => e.data.text).join("");
}
