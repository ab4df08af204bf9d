import { assert, assertEquals, assertStringIncludes } from "../support/assert.ts";
import { startTestApp } from "../support/app.ts";
import { createMember } from "../support/members.ts";

Deno.test("the System page is for site operators only: owners get 404 and no nav link", async () => {
  const app = await startTestApp({ env: { SITE_OPERATORS: " Ops@Example.com ,sre@example.com" } });
  try {
    const operator = await createMember(app.services, app.url, "ops@example.com", "Ops");
    const owner = await createMember(app.services, app.url, "owner@example.com", "Acme");
    const get = (path: string, cookie: string, accept = "text/html") =>
      app.fetch(path, { headers: { cookie, accept } });

    const ops = await get(`/dashboard/${operator.workspace.slug}/system`, operator.cookie);
    assertEquals(ops.status, 200);
    const opsHtml = await ops.text();
    assertStringIncludes(opsHtml, 'data-slo="availability"');
    assertStringIncludes(opsHtml, `href="/dashboard/${operator.workspace.slug}/system"`);

    const own = await get(`/dashboard/${owner.workspace.slug}/system`, owner.cookie);
    assertEquals(own.status, 404, "an owner who is no site operator gets 404");
    const ownHtml = await own.text();
    assert(!ownHtml.includes('data-slo="availability"'), "no operations data");
    const api = await get(
      `/dashboard/${owner.workspace.slug}/system`,
      owner.cookie,
      "application/json",
    );
    assertEquals(api.status, 404);
    assertEquals((await api.json()).error.code, "not_found");

    const overview = await get(`/dashboard/${owner.workspace.slug}`, owner.cookie);
    assertEquals(overview.status, 200);
    const nav = await overview.text();
    assertStringIncludes(nav, `href="/dashboard/${owner.workspace.slug}/usage"`);
    assert(!nav.includes(`/dashboard/${owner.workspace.slug}/system`), "the nav hides System");

    const other = await get(`/dashboard/${owner.workspace.slug}/system`, operator.cookie);
    assertEquals(other.status, 404, "an operator still sees only workspaces they belong to");
    await other.body?.cancel();
  } finally {
    await app.stop();
  }
});

Deno.test("without SITE_OPERATORS nobody sees the System page", async () => {
  const app = await startTestApp();
  try {
    const owner = await createMember(app.services, app.url, "ops@example.com", "Ops");
    const res = await app.fetch(`/dashboard/${owner.workspace.slug}/system`, {
      headers: { cookie: owner.cookie },
    });
    assertEquals(res.status, 404);
    await res.body?.cancel();
  } finally {
    await app.stop();
  }
});
