/**
 * Issue 14 item 12: cached static pages embedded the first visitor's `traceparent` for 15
 * minutes, so every later visitor's browser telemetry joined that one trace. Cached HTML holds
 * no per-request value; each response's `Server-Timing` carries its own trace.
 */
import { assert, assertEquals, assertStringIncludes } from "../support/assert.ts";
import { startTestApp } from "../support/app.ts";

const traceparent = (traceId: string) => `00-${traceId}-b7ad6b7169203331-01`;
const FIRST = "11111111111111111111111111111111";
const SECOND = "22222222222222222222222222222222";

Deno.test("a cached page carries no visitor's trace; Server-Timing gives each its own", async () => {
  const app = await startTestApp();
  try {
    for (const path of ["/", "/pricing"]) {
      const first = await app.fetch(`${path}?utm=first`, {
        headers: { traceparent: traceparent(FIRST) },
      });
      const firstHtml = await first.text();
      assertEquals(first.status, 200);
      const second = await app.fetch(path, { headers: { traceparent: traceparent(SECOND) } });
      const html = await second.text();
      assertEquals(html, firstHtml, `${path} is served from the page cache`);
      for (const page of [firstHtml, html]) {
        assert(
          !page.includes(FIRST),
          `${path}: the first visitor's trace id is in the cached HTML`,
        );
        assert(!page.includes('name="traceparent"'), `${path}: no traceparent meta when cached`);
        assert(!page.includes("utm=first"), `${path}: the first visitor's query string`);
      }
      assertStringIncludes(second.headers.get("server-timing") ?? "", SECOND);
    }
    const dynamic = await app.fetch("/contact", { headers: { traceparent: traceparent(FIRST) } });
    assertStringIncludes(await dynamic.text(), `<meta name="traceparent" content="00-${FIRST}-`);
  } finally {
    await app.stop();
  }
});
