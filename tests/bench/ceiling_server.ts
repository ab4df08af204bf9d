/**
 * The ceiling: plain Deno.serve answering every request with the same bytes from memory.
 * Args: port, the file holding the body, and optionally the body's content-encoding.
 */
const [port, file, encoding] = Deno.args;
const body = await Deno.readFile(file);
const headers: Record<string, string> = { "content-type": "text/html; charset=utf-8" };
if (encoding) headers["content-encoding"] = encoding;
Deno.serve(
  { port: Number(port), hostname: "127.0.0.1", onListen: () => {} },
  () => new Response(body, { headers }),
);
