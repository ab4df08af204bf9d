/**
 * The tickets webhook is rate limited per workspace: a workspace without a signing key answers
 * 404 until its limit, then 429 with Retry-After.
 */
import { assert, assertEquals } from "../support/assert.ts";
import { startTestApp } from "../support/app.ts";
import { createMember } from "../support/members.ts";
import { HOW_TO, sendTicket } from "../support/tickets.ts";

for (const backend of ["pglite", "postgres"] as const) {
  Deno.test(`the tickets webhook is rate limited per workspace [${backend}]`, async () => {
    const app = await startTestApp({ backend });
    try {
      const other = await createMember(app.services, app.url, "ops@other.example", "Other");
      const statuses: number[] = [];
      for (let i = 0; i < 121; i++) {
        const res = await sendTicket(app, other.workspace.slug, "rtk_none", HOW_TO);
        statuses.push(res.status);
        if (res.status === 429) {
          assertEquals((await res.json()).error.code, "rate_limited");
          assert(Number(res.headers.get("retry-after")) > 0, "says when to retry");
        } else await res.body?.cancel();
      }
      assertEquals(statuses.filter((s) => s === 404).length, 120);
      assertEquals(statuses.at(-1), 429);
    } finally {
      await app.stop();
    }
  });
}
