/** The ceiling: plain Deno.serve answering every request with the same bytes from memory. */
const [port, file] = Deno.args;
const body = await Deno.readFile(file);
Deno.serve(
  { port: Number(port), hostname: "127.0.0.1", onListen: () => {} },
  () => new Response(body, { headers: { "content-type": "text/html; charset=utf-8" } }),
);
