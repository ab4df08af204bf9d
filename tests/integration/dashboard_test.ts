import { assert, assertEquals, assertStringIncludes } from "../support/assert.ts";
import { startTestApp } from "../support/app.ts";
import { createMember } from "../support/members.ts";
import { publish } from "../../lib/realtime/publish.ts";
import { runEventsPrefix } from "../../kv/keys.ts";
import { recordDemoEvent } from "../../lib/tracking/record.ts";
import { drainOutbox } from "../../lib/outbox/outbox.ts";

for (const backend of ["pglite", "postgres"] as const) {
  Deno.test({
    name: `${backend === "postgres" ? "[postgres] " : ""}dashboard`,
    fn: (t) => dashboardTest(t, backend),
  });
}

async function dashboardTest(t: Deno.TestContext, backend: "pglite" | "postgres") {
  const app = await startTestApp({
    backend,
    env: { TRACE_URL_TEMPLATE: "https://traces.example/t/{traceId}" },
  });
  const { db } = app.services;
  try {
    const a = await createMember(app.services, app.url, "ann@a.example", "Acme Ops");
    const b = await createMember(app.services, app.url, "ben@b.example", "Beta Ops");
    const get = (path: string, cookie = a.cookie) =>
      app.fetch(path, { headers: { cookie, accept: "text/html" }, redirect: "manual" });
    const post = (path: string, form: Record<string, string>, cookie = a.cookie) =>
      app.fetch(path, {
        method: "POST",
        headers: { cookie, origin: app.url, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(form),
        redirect: "manual",
      });
    const base = `/dashboard/${a.workspace.slug}`;
    /** The audit page once every action is on it (audit rows arrive through the outbox). */
    const auditPage = async (actions: string[]) => {
      for (let i = 0;; i++) {
        await drainOutbox(app.services);
        const html = await (await get(`${base}/audit`)).text();
        const missing = actions.filter((a) => !html.includes(`data-audit="${a}"`));
        if (missing.length === 0) return html;
        if (i >= 300) throw new Error(`audit page lacks ${missing.join(", ")}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    };

    for (let i = 0; i < 30; i++) {
      await db.query(
        `insert into agent_runs (id, tenant_id, agent, provider, status, tokens_in, tokens_out,
           trace_id, created_at, started_at, finished_at)
         values ($1, $2, $3, 'offline', $4, 100, 50, $5, now() - ($6 || ' minutes')::interval,
           now() - ($6 || ' minutes')::interval, now() - ($6 || ' minutes')::interval + interval '2 seconds')`,
        [
          `run-a-${String(i).padStart(2, "0")}`,
          a.workspace.id,
          i % 3 === 0 ? "support" : "sales",
          i % 5 === 0 ? "failed" : "succeeded",
          "4bf92f3577b34da6a3ce929d0e0e4736",
          String(i),
        ],
      );
    }
    await db.query(
      `insert into agent_runs (id, tenant_id, agent, provider, status) values ('run-b-1', $1, 'sales', 'offline', 'succeeded')`,
      [b.workspace.id],
    );
    const [lead] = await db.query<{ id: string }>(
      `insert into leads (tenant_id, idempotency_key, name, email, company, message, source)
       values ($1, 'k1', 'Grace Hopper', 'grace@navy.example', '=HYPERLINK("x")', 'Hello, "team"', 'contact')
       returning id`,
      [a.workspace.id],
    );
    const [bLead] = await db.query<{ id: string }>(
      `insert into leads (tenant_id, idempotency_key, name, email) values ($1, 'k2', 'B Lead', 'b@b.example') returning id`,
      [b.workspace.id],
    );

    await t.step("/dashboard sends members to their workspace, strangers to sign-in", async () => {
      const res = await get("/dashboard");
      assertEquals(res.status, 303);
      assertEquals(res.headers.get("location"), base);
      const anon = await app.fetch("/dashboard", {
        headers: { accept: "text/html" },
        redirect: "manual",
      });
      assertEquals(anon.status, 303);
      assertStringIncludes(anon.headers.get("location")!, "/signin?next=");
      const page = await app.fetch(`${base}/runs`, {
        headers: { accept: "text/html" },
        redirect: "manual",
      });
      assertEquals(page.status, 303);
    });

    await t.step(
      "every section renders with the navigation, and another workspace answers 404",
      async () => {
        for (
          const path of [
            "",
            "/runs",
            "/leads",
            "/usage",
            "/audit",
            "/settings",
            "/members",
            "/tokens",
          ]
        ) {
          const res = await get(`${base}${path}`);
          assertEquals(res.status, 200, path);
          const html = await res.text();
          assertStringIncludes(html, 'aria-label="Dashboard"');
          assertStringIncludes(html, 'aria-current="page"');
          const other = await get(`/dashboard/${b.workspace.slug}${path}`);
          assertEquals(other.status, 404, `B's ${path}`);
          await other.body?.cancel();
        }
        for (const path of [`/runs/run-b-1`, `/leads/${bLead.id}`]) {
          const res = await get(`${base}${path}`);
          assertEquals(res.status, 404, path);
          await res.body?.cancel();
        }
        const api = await app.fetch(`/api/dashboard/${b.workspace.slug}/overview`, {
          headers: { cookie: a.cookie },
        });
        assertEquals(api.status, 404);
        await api.body?.cancel();
      },
    );

    await t.step("the overview shows today's figures as SVG charts with data tables", async () => {
      for (let i = 0; i < 4; i++) {
        await recordDemoEvent(app.services, {
          type: "page_view",
          path: "/",
          workspaceId: a.workspace.id,
        });
      }
      const html = await (await get(base)).text();
      assertStringIncludes(html, '<svg width="100%" height="200" role="img"');
      assertStringIncludes(html, '<title id="chart-traffic-title">');
      assertStringIncludes(html, "Data table");
      assertStringIncludes(html, 'data-island="ActivityFeed"');
      const json = await (await app.fetch(`/api/dashboard/${a.workspace.slug}/overview`, {
        headers: { cookie: a.cookie },
      })).json();
      assertEquals(json.today.visits, 4);
      assertEquals(json.today.runs + 0 >= 1, true);
      assertEquals(json.last30.runs, 30);
      assertEquals(json.last30.failedRuns, 6);
      assertEquals(json.last30.errorRate, 0.2);
      assertEquals(json.last30.p95Ms, 2000);
      assertEquals(json.month.quota, 200_000);
      assertEquals(json.series.visits.length, 30);
    });

    await t.step("runs: filters and cursor pagination", async () => {
      const first = await (await get(`${base}/runs`)).text();
      const ids = [...first.matchAll(/data-run="([^"]+)"/g)].map((m) => m[1]);
      assertEquals(ids.length, 25);
      assertEquals(ids[0], "run-a-00");
      const next = /href="([^"]+)" rel="next"/.exec(first)![1].replaceAll("&amp;", "&");
      const second = await (await get(next)).text();
      const rest = [...second.matchAll(/data-run="([^"]+)"/g)].map((m) => m[1]);
      assertEquals(rest, ["run-a-25", "run-a-26", "run-a-27", "run-a-28", "run-a-29"]);
      assert(!second.includes('rel="next"'));
      const failed = await (await get(`${base}/runs?status=failed&agent=sales`)).text();
      const f = [...failed.matchAll(/data-run="([^"]+)"/g)].map((m) => m[1]);
      assertEquals(f, ["run-a-05", "run-a-10", "run-a-20", "run-a-25"]);
      assert(!failed.includes("run-b-1"));
    });

    await t.step("a run page replays its timeline and links its trace", async () => {
      const prefix = runEventsPrefix("run-a-01");
      await publish(app.services, prefix, "started", {
        attempt: 1,
        provider: "offline",
        providerLabel: "Offline engine",
        model: "offline",
      });
      await publish(app.services, prefix, "token", { text: "Hello " });
      await publish(app.services, prefix, "token", { text: "world" });
      await publish(app.services, prefix, "tool_call", {
        id: "c1",
        name: "search_docs",
        arguments: { q: "sso" },
      });
      await publish(app.services, prefix, "tool_result", {
        id: "c1",
        name: "search_docs",
        result: { hits: 2 },
      });
      await publish(app.services, prefix, "usage", {
        tokensIn: 100,
        tokensOut: 50,
        costUsd: 0.0001,
      });
      await publish(app.services, prefix, "done", {
        status: "succeeded",
        output: "Hello world",
        tokensIn: 100,
        tokensOut: 50,
        costUsd: 0.0001,
        durationMs: 2000,
      });
      const html = await (await get(`${base}/runs/run-a-01`)).text();
      const kinds = [...html.matchAll(/data-kind="([^"]+)"/g)].map((m) => m[1]);
      assertEquals(kinds, ["started", "tokens", "tool_call", "tool_result", "usage", "done"]);
      assertStringIncludes(html, "Hello world");
      assertStringIncludes(html, "Streamed text (2 chunks)");
      assertStringIncludes(
        html,
        'href="https://traces.example/t/4bf92f3577b34da6a3ce929d0e0e4736"',
      );
    });

    await t.step(
      "leads: status changes and notes are saved and audited; CSV export is safe",
      async () => {
        const list = await (await get(`${base}/leads`)).text();
        assertStringIncludes(list, "Grace Hopper");
        assert(!list.includes("B Lead"));
        const changed = await post(`${base}/leads/${lead.id}`, {
          action: "status",
          status: "qualified",
        });
        assertEquals(changed.status, 303);
        const noted = await post(`${base}/leads/${lead.id}`, {
          action: "note",
          body: "Called, wants SSO.",
        });
        assertEquals(noted.status, 303);
        const bad = await post(`${base}/leads/${lead.id}`, { action: "status", status: "nope" });
        assertEquals(bad.status, 400);
        const page = await (await get(`${base}/leads/${lead.id}`)).text();
        assertStringIncludes(page, "<dd data-status>qualified</dd>");
        assertStringIncludes(page, "Called, wants SSO.");
        const qualified = await (await get(`${base}/leads?status=new`)).text();
        assert(!qualified.includes("Grace Hopper"), "the status filter applies");
        const csv = await (await get(`${base}/leads/export.csv`)).text();
        const lines = csv.trim().split("\r\n");
        assertEquals(
          lines[0],
          "id,created_at,status,name,email,company,source,consent,message,website,fit_score,fit_verdict",
        );
        assertEquals(lines.length, 2);
        assertStringIncludes(lines[1], `"'=HYPERLINK(""x"")"`);
        assertStringIncludes(lines[1], `"Hello, ""team"""`);
        const audit = await auditPage(["lead.status_changed", "lead.note_added", "lead.exported"]);
        assertStringIncludes(audit, 'data-chain="ok"');
      },
    );

    await t.step(
      "settings: owners rename and choose retention (audited); members may not",
      async () => {
        const renamed = await post(`${base}/settings`, {
          action: "rename",
          name: "Acme Operations",
        });
        assertEquals(renamed.status, 303);
        const kept = await post(`${base}/settings`, {
          action: "retention",
          demoEvents: "7",
          runs: "default",
          leads: "7",
        });
        assertEquals(kept.status, 303);
        const tooLong = await post(`${base}/settings`, {
          action: "retention",
          demoEvents: "365",
          runs: "default",
          leads: "7",
        });
        assertEquals(tooLong.status, 400, "the free plan keeps at most 7 days");
        const html = await (await get(`${base}/settings`)).text();
        assertStringIncludes(html, 'value="Acme Operations"');
        assert(/<select id="ret-demoEvents"[^>]*>.*?<option\s+value="7" selected>/.test(html));
        await db.query(
          "insert into memberships (tenant_id, user_id, role) values ($1, $2, 'member')",
          [
            a.workspace.id,
            b.userId,
          ],
        );
        const asMember = await post(`/dashboard/${a.workspace.slug}/settings`, {
          action: "rename",
          name: "Hijack",
        }, b.cookie);
        assertEquals(asMember.status, 403);
        await auditPage(["workspace.renamed", "workspace.retention_changed"]);
      },
    );

    await t.step("usage shows this month against the plan", async () => {
      await db.query(
        `insert into usage (tenant_id, day, requests, tokens_in, tokens_out, cost_usd)
         values ($1, (now() at time zone 'UTC')::date, 12, 30000, 20000, 0.5)`,
        [a.workspace.id],
      );
      const html = await (await get(`${base}/usage`)).text();
      assertStringIncludes(html, 'data-quota-row="Tokens this month"');
      assertStringIncludes(html, "50.0k");
      assertStringIncludes(html, "25.0%");
    });
  } finally {
    await app.stop();
  }
}
