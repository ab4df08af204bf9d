/**
 * Issue 14 item 10: an over-long or malformed `?cursor=` on the leads, runs and CSV export
 * pages answered 500 (zod's `parse` threw); it is a 400 with the friendly page, or JSON. And a
 * workspace path parameter with a NUL (found by the long fuzz run) is a 404, not a 500.
 */
import { assertEquals, assertStringIncludes } from "../support/assert.ts";
import { startTestApp } from "../support/app.ts";
import { createMember } from "../support/members.ts";

Deno.test("a refused cursor is a 400 page or JSON error, an impossible workspace name a 404; never a 500", async () => {
  const app = await startTestApp();
  try {
    const m = await createMember(app.services, app.url, "cursor@c.example", "Cursor Co");
    const base = `/dashboard/${m.workspace.slug}`;
    const long = "A".repeat(301);
    for (const page of ["leads", "runs", "leads/export.csv"]) {
      const html = await app.fetch(`${base}/${page}?cursor=${long}`, {
        headers: { cookie: m.cookie, accept: "text/html" },
      });
      assertEquals(html.status, 400, page);
      assertEquals(html.headers.get("content-type"), "text/html; charset=utf-8", page);
      const text = await html.text();
      assertStringIncludes(text, "<h1>This address has a value we cannot use (cursor).");
      assertStringIncludes(text, '<p class="code-big" aria-hidden="true">400</p>');
      const json = await app.fetch(`${base}/${page}?cursor=${long}&status=new`, {
        headers: { cookie: m.cookie, accept: "application/json" },
      });
      assertEquals(json.status, 400, page);
      const body = await json.json();
      assertEquals(body.error.code, "bad_query");
      assertEquals(body.error.details, { fields: ["cursor"] });
    }
    for (const page of ["leads", "runs"]) {
      const garbled = await app.fetch(`${base}/${page}?cursor=%00not-a-cursor`, {
        headers: { cookie: m.cookie, accept: "text/html" },
      });
      await garbled.body?.cancel();
      assertEquals(garbled.status, 200, `${page}: a malformed short cursor is the first page`);
    }
    for (
      const path of ["/api/dashboard/a%00b/overview", "/dashboard/a%00b", "/dashboard/%ED%A0%80"]
    ) {
      const res = await app.fetch(path, { headers: { cookie: m.cookie, accept: "text/html" } });
      await res.body?.cancel();
      assertEquals(res.status, 404, `${path}: a workspace name that cannot be a slug`);
    }
  } finally {
    await app.stop();
  }
});
