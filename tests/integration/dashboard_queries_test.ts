/**
 * What a signed-in Overview page costs the database: the session's identity (user and every
 * workspace) in one query unless the instance's identity cache holds it, and the Overview's
 * three aggregate queries only when its figures are not fresh in the short cache. Before:
 * seven queries on every load.
 */
import { assert, assertEquals } from "../support/assert.ts";
import { startTestApp } from "../support/app.ts";
import { createMember } from "../support/members.ts";
import { OVERVIEW_CACHE_MS } from "../../lib/dashboard/overview.ts";

Deno.test("an Overview page load makes no query with its identity and figures cached", async () => {
  const app = await startTestApp();
  try {
    const m = await createMember(app.services, app.url, "q@x.example", "Query Co");
    const db = app.services.db;
    const queries: string[] = [];
    const query = db.query.bind(db);
    db.query = ((text: string, params?: unknown[]) => {
      queries.push(text);
      return query(text, params);
    }) as typeof db.query;
    const load = async () => {
      queries.length = 0;
      const res = await app.fetch(`/dashboard/${m.workspace.slug}`, {
        headers: { cookie: m.cookie },
      });
      assertEquals(res.status, 200);
      assert((await res.text()).includes('data-island="OverviewLive"'));
      return queries.length;
    };
    const first = await load();
    const aggregates = queries.filter((q) => /from (agent_runs|leads|usage)\b/.test(q)).length;
    assertEquals(aggregates, 3, `three aggregates on a fresh read:\n${queries.join("\n")}`);
    const started = performance.now();
    const second = await load();
    if (performance.now() - started < OVERVIEW_CACHE_MS) {
      assertEquals(second, 0, `nothing read again:\n${queries.join("\n")}`);
    } else {
      assert(second <= first, "a load slower than the cache age reads the figures again");
    }
  } finally {
    await app.stop();
  }
});
