/**
 * The live-feed reference: a plain `Deno.serve` SSE server with nothing else. `GET /demo/key`
 * answers a dummy key, `GET /demo/stream` holds an event stream, `POST /demo/record` numbers
 * the event and writes it to every open stream (202 `{ seq }`). Args: port.
 */
const streams = new Set<ReadableStreamDefaultController<Uint8Array>>();
const encoder = new TextEncoder();
let seq = 0;

Deno.serve(
  { port: Number(Deno.args[0]), hostname: "127.0.0.1", onListen: () => {} },
  async (req) => {
    const path = new URL(req.url).pathname;
    if (path === "/demo/key") return Response.json({ key: "reference" });
    if (path === "/demo/stream") {
      let self: ReadableStreamDefaultController<Uint8Array>;
      const body = new ReadableStream<Uint8Array>({
        start(c) {
          self = c;
          streams.add(c);
          c.enqueue(encoder.encode("retry: 1000\n\n"));
        },
        cancel() {
          streams.delete(self);
        },
      });
      return new Response(body, { headers: { "content-type": "text/event-stream" } });
    }
    if (path === "/demo/record" && req.method === "POST") {
      const data = await req.text();
      const id = ++seq;
      const chunk = encoder.encode(`id: ${id}\ndata: ${data}\n\n`);
      for (const c of streams) c.enqueue(chunk);
      return Response.json({ seq: id }, { status: 202 });
    }
    return new Response("not found", { status: 404 });
  },
);
