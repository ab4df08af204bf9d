/**
 * A fake OpenAI-compatible server on 127.0.0.1 for tests: real HTTP, real SSE chunks, driven by
 * the real `openai` client. Each `POST /v1/chat/completions` takes the next scripted reply (or
 * asks a function); `GET /v1/models` answers for readiness checks. Every request body is kept.
 */

/** One scripted answer to a chat completion request. */
export type FakeReply =
  /** SSE chunks (objects are JSON-encoded; strings are sent raw as `data:`), then `[DONE]`. */
  | {
    kind: "stream";
    chunks: (Record<string, unknown> | string)[];
    delayMs?: number;
    stallAfter?: number;
  }
  /** A plain HTTP error. */
  | { kind: "status"; status: number; headers?: Record<string, string>; body?: unknown }
  /** Accepts the request and never answers. */
  | { kind: "hang" };

/** A request the fake received. */
export interface FakeRequest {
  path: string;
  // deno-lint-ignore no-explicit-any
  body: any;
  at: number;
}

/** A running fake server. */
export interface FakeOpenAi {
  /** Base URL for the client (`.../v1`). */
  baseURL: string;
  requests: FakeRequest[];
  /** Queues replies (used in order); when empty, `fallback` answers. */
  script(...replies: FakeReply[]): void;
  fallback: (req: FakeRequest) => FakeReply;
  /** Requests whose connection the client dropped before the answer ended. */
  aborted: number;
  close(): Promise<void>;
}

const base = {
  id: "chatcmpl-fake",
  object: "chat.completion.chunk",
  created: 0,
  model: "gpt-4o-mini",
};

/** Chunks that stream `parts` as content, then a usage chunk. */
export function textChunks(
  parts: string[],
  usage = { prompt_tokens: 21, completion_tokens: parts.length },
): Record<string, unknown>[] {
  return [
    ...parts.map((content, i) => ({
      ...base,
      choices: [{
        index: 0,
        delta: i === 0 ? { role: "assistant", content } : { content },
        finish_reason: null,
      }],
    })),
    { ...base, choices: [{ index: 0, delta: {}, finish_reason: "stop" }] },
    {
      ...base,
      choices: [],
      usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
    },
  ];
}

/** Chunks that stream one tool call, its arguments split into `argParts`, then usage. */
export function toolCallChunks(
  id: string,
  name: string,
  argParts: string[],
  usage = { prompt_tokens: 40, completion_tokens: 12 },
): Record<string, unknown>[] {
  return [
    {
      ...base,
      choices: [{
        index: 0,
        delta: {
          role: "assistant",
          content: null,
          tool_calls: [{ index: 0, id, type: "function", function: { name, arguments: "" } }],
        },
        finish_reason: null,
      }],
    },
    ...argParts.map((a) => ({
      ...base,
      choices: [{
        index: 0,
        delta: { tool_calls: [{ index: 0, function: { arguments: a } }] },
        finish_reason: null,
      }],
    })),
    { ...base, choices: [{ index: 0, delta: {}, finish_reason: "tool_calls" }] },
    {
      ...base,
      choices: [],
      usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
    },
  ];
}

/** Starts the fake on a free loopback port. */
export function startFakeOpenAi(): FakeOpenAi {
  const queue: FakeReply[] = [];
  const closing = new AbortController();
  const enc = new TextEncoder();
  const fake: FakeOpenAi = {
    baseURL: "",
    requests: [],
    aborted: 0,
    script: (...replies) => void queue.push(...replies),
    fallback: () => ({
      kind: "status",
      status: 500,
      body: { error: { message: "no reply scripted" } },
    }),
    close: async () => {
      closing.abort();
      await server.shutdown();
    },
  };
  const wait = (ms: number, signal: AbortSignal) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(resolve, ms);
      signal.addEventListener("abort", () => {
        clearTimeout(t);
        resolve();
      }, { once: true });
    });

  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, async (req) => {
    const url = new URL(req.url);
    if (req.method === "GET" && url.pathname === "/v1/models") {
      return Response.json({ object: "list", data: [{ id: "gpt-4o-mini", object: "model" }] });
    }
    if (req.method !== "POST" || url.pathname !== "/v1/chat/completions") {
      return new Response("not found", { status: 404 });
    }
    const request: FakeRequest = { path: url.pathname, body: await req.json(), at: Date.now() };
    fake.requests.push(request);
    const reply = queue.shift() ?? fake.fallback(request);
    const gone = AbortSignal.any([req.signal, closing.signal]);
    if (reply.kind === "hang") {
      await wait(3_600_000, gone);
      return new Response(null, { status: 503 });
    }
    if (reply.kind === "status") {
      return Response.json(reply.body ?? { error: { message: `status ${reply.status}` } }, {
        status: reply.status,
        headers: reply.headers,
      });
    }
    let dropped = false;
    const markDropped = () => {
      if (!dropped) fake.aborted++;
      dropped = true;
    };
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        try {
          for (const [i, chunk] of reply.chunks.entries()) {
            if (reply.stallAfter !== undefined && i === reply.stallAfter) {
              await wait(3_600_000, gone);
              break;
            }
            if (reply.delayMs) await wait(reply.delayMs, gone);
            if (gone.aborted) break;
            const data = typeof chunk === "string" ? chunk : JSON.stringify(chunk);
            controller.enqueue(enc.encode(`data: ${data}\n\n`));
          }
          if (gone.aborted) markDropped();
          else controller.enqueue(enc.encode("data: [DONE]\n\n"));
          controller.close();
        } catch {
          markDropped();
        }
      },
      cancel: markDropped,
    });
    return new Response(body, {
      headers: { "content-type": "text/event-stream", "cache-control": "no-cache" },
    });
  });
  fake.baseURL = `http://127.0.0.1:${server.addr.port}/v1`;
  return fake;
}
