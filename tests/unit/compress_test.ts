import { Hono } from "hono";
import { assert, assertEquals } from "../support/assert.ts";
import { compression, weakEtagMatch } from "../../lib/http/compress.ts";

Deno.test("If-None-Match matches ETags weakly, lists and *", () => {
  assert(weakEtagMatch('W/"abc"', '"abc"'));
  assert(weakEtagMatch('"x", W/"abc"', 'W/"abc"'));
  assert(weakEtagMatch("*", '"abc"'));
  assert(!weakEtagMatch('"abd"', '"abc"'));
});

Deno.test("compression gzips pages, revalidates weak ETags, and leaves event streams alone", async () => {
  const app = new Hono();
  app.use("*", compression());
  const page = "<p>hello</p>".repeat(200);
  app.get("/page", (c) => c.html(page, 200, { etag: '"v1"' }));
  app.get(
    "/stream",
    (c) => c.body("data: x\n\n".repeat(200), 200, { "content-type": "text/event-stream" }),
  );
  const gz = { "accept-encoding": "gzip" };
  const res = await app.request("/page", { headers: gz });
  assertEquals(res.headers.get("content-encoding"), "gzip");
  const weak = res.headers.get("etag")!;
  const body = await new Response(res.body!.pipeThrough(new DecompressionStream("gzip"))).text();
  assertEquals(body, page);
  const again = await app.request("/page", { headers: { ...gz, "if-none-match": weak } });
  assertEquals(again.status, 304);
  assertEquals(await again.text(), "");
  const stream = await app.request("/stream", { headers: gz });
  assertEquals(stream.headers.get("content-encoding"), null);
  await stream.body?.cancel();
});
