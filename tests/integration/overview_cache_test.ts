/**
 * The Overview page reuses a workspace's SQL figures for at most OVERVIEW_CACHE_MS and says so;
 * reads without a maximum age (the live island's API) are always fresh. The figures folded into
 * one grouped query match what the rows give.
 */
import { assertEquals, assertStringIncludes } from "../support/assert.ts";
import { startTestApp } from "../support/app.ts";
import { createMember } from "../support/members.ts";
import { loadOverview, OVERVIEW_CACHE_MS } from "../../lib/dashboard/overview.ts";
import { dataScope } from "../../lib/dashboard/scope.ts";
import type { Services } from "../../lib/services.ts";

async function addRun(services: Services, tenantId: string, id: string, seconds: number) {
  await services.db.query(
    `insert into agent_runs (id, tenant_id, agent, provider, status, created_at, started_at,
                             finished_at)
     values ($1, $2, 'docs-assistant', 'offline', 'succeeded', now() - interval '1 minute',
             now() - interval '1 minute', now() - interval '1 minute' + $3 * interval '1 s')`,
    [id, tenantId, seconds],
  );
}

Deno.test("the Overview page reuses figures briefly; fresh reads and the API see new runs at once", async () => {
  const app = await startTestApp();
  try {
    const { services } = app;
    const m = await createMember(services, app.url, "cache@x.example", "Cache Co");
    const scope = await dataScope(services, m.workspace.id);
    for (const [i, s] of [1, 2, 3, 4].entries()) {
      await addRun(services, m.workspace.id, `run-c-${i}`, s);
    }
    const t0 = Date.now();
    const cached = { maxAgeMs: OVERVIEW_CACHE_MS };
    const first = await loadOverview(services, m.workspace, scope, t0, cached);
    assertEquals(first.today.runs, 4);
    // percentile_cont(0.95) over 1, 2, 3, 4 s: 3 + 0.85 * 1 s.
    assertEquals(first.today.p95Ms, 3850);
    assertEquals(first.last30.p95Ms, 3850);

    await addRun(services, m.workspace.id, "run-c-new", 10);
    const reused = await loadOverview(services, m.workspace, scope, t0 + 1000, cached);
    assertEquals(reused.today.runs, 4, "reused within the cache age");
    assertEquals(reused.generatedAt, first.generatedAt, "generatedAt tells when they were read");
    const fresh = await loadOverview(services, m.workspace, scope, t0 + 1000);
    assertEquals(fresh.today.runs, 5, "a read without a maximum age is fresh");
    const expired = await loadOverview(
      services,
      m.workspace,
      scope,
      t0 + OVERVIEW_CACHE_MS + 1,
      cached,
    );
    assertEquals(expired.today.runs, 5, "read again once older than the cache age");

    const api = await (await app.fetch(`/api/dashboard/${m.workspace.slug}/overview`, {
      headers: { cookie: m.cookie },
    })).json();
    assertEquals(api.today.runs, 5);
    const page = await (await app.fetch(`/dashboard/${m.workspace.slug}`, {
      headers: { cookie: m.cookie },
    })).text();
    assertStringIncludes(page, "data-overview-age");
    assertStringIncludes(page, `at most ${OVERVIEW_CACHE_MS / 1000} s old when the page loads`);
  } finally {
    await app.stop();
  }
});
