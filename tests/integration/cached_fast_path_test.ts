/**
 * The site's cached pages on the fast path (issue 18): a visitor's repeat request gets the
 * same bytes and the same headers as the full middleware chain gave (security headers, CSP,
 * ETag, Vary), with its own request id and trace; revalidation answers 304; a signed-in
 * member never gets the shared copy.
 */
import { assert, assertEquals, assertStringIncludes } from "../support/assert.ts";
import { startTestApp } from "../support/app.ts";
import { createMember } from "../support/members.ts";

const PER_REQUEST = new Set(["date", "x-request-id", "server-timing"]);
const stable = (res: Response) => [...res.headers].filter(([n]) => !PER_REQUEST.has(n));
const TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

Deno.test("repeat visits to cached pages: same bytes, same headers, own request id and trace", async () => {
  const app = await startTestApp();
  try {
    for (const encoding of ["identity", "gzip"]) {
      for (const path of ["/", "/pricing", "/solutions/sales"]) {
        const headers = { "accept-encoding": encoding };
        const first = await app.fetch(path, { headers });
        const body = await first.arrayBuffer();
        const again = await app.fetch(path, {
          headers: {
            ...headers,
            "x-request-id": "visitor-request-0042",
            traceparent: `00-${TRACE}-00f067aa0ba902b7-01`,
          },
        });
        assertEquals(again.status, 200);
        assertEquals(new Uint8Array(await again.arrayBuffer()), new Uint8Array(body), path);
        assertEquals(stable(again), stable(first), `${path} ${encoding}: headers`);
        assertStringIncludes(again.headers.get("content-security-policy") ?? "", "script-src");
        assertEquals(again.headers.get("x-request-id"), "visitor-request-0042");
        assertStringIncludes(again.headers.get("server-timing") ?? "", TRACE);
        assert(
          first.headers.get("x-request-id") !== (await app.fetch(path)).headers.get("x-request-id"),
          "each request gets its own id",
        );
      }
    }
  } finally {
    await app.stop();
  }
});

Deno.test("cached pages revalidate with 304 and answer HEAD without a body", async () => {
  const app = await startTestApp();
  try {
    const first = await app.fetch("/pricing", { headers: { "accept-encoding": "gzip" } });
    await first.body?.cancel();
    const etag = first.headers.get("etag")!;
    for (const tag of [etag, `W/${etag}`]) {
      const res = await app.fetch("/pricing", {
        headers: { "accept-encoding": "gzip", "if-none-match": tag },
      });
      assertEquals(res.status, 304, tag);
      assertEquals(res.headers.get("etag"), etag);
      assertEquals(res.headers.get("x-frame-options"), "DENY");
      assertEquals(await res.text(), "");
    }
    const head = await app.fetch("/pricing", { method: "HEAD" });
    assertEquals(head.status, 200);
    assertEquals(await head.text(), "");
    assertStringIncludes(head.headers.get("content-security-policy") ?? "", "default-src");
  } finally {
    await app.stop();
  }
});

Deno.test("a signed-in member never gets the cached copy, even after visitors made it", async () => {
  const app = await startTestApp();
  try {
    const member = await createMember(app.services, app.url, "fast@path.example", "Fast Co");
    for (let i = 0; i < 2; i++) await (await app.fetch("/")).body?.cancel();
    const res = await app.fetch("/", { headers: { cookie: member.cookie } });
    const html = await res.text();
    assertEquals(res.status, 200);
    assertEquals(res.headers.get("etag"), null, "not the shared copy");
    assertEquals(res.headers.get("cache-control"), "no-store");
    assertStringIncludes(html, 'title="fast@path.example"', "the header names the member");
    const visitor = await (await app.fetch("/")).text();
    assert(!visitor.includes("fast@path.example"), "the member's page is not cached for others");
  } finally {
    await app.stop();
  }
});
