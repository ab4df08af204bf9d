import { verifyAuditTrail } from "../../lib/audit/verify.ts";
import { listOutbox } from "../../lib/notify/email.ts";
import { drainOutbox } from "../../lib/outbox/outbox.ts";
import { refreshCaches } from "../../lib/reports/cache_refresh.ts";
import { cacheRefreshJob, retentionJob, weeklyReportJob } from "../../queues/maintenance.ts";
import { outboxSweepJob } from "../../queues/outbox.ts";
import {
  assert,
  assertEquals,
  assertNotIncludes,
  assertStringIncludes,
} from "../support/assert.ts";
import { startTestApp } from "../support/app.ts";
import { createMember } from "../support/members.ts";

const DAY = 24 * 3600_000;
const ago = (days: number) => new Date(Date.now() - days * DAY);

for (const backend of ["pglite", "postgres"] as const) {
  Deno.test({
    name: `exports, a person's data, retention and the scheduled jobs [${backend}]`,
    fn: async (t) => {
      const app = await startTestApp({ backend });
      const { db, kv } = app.services;
      const owner = await createMember(app.services, app.url, "owner@acme.example", "Acme");
      const other = await createMember(app.services, app.url, "other@globex.example", "Globex");
      const ws = owner.workspace;
      const addLead = async (
        email: string,
        name: string,
        message: string,
        createdAt = new Date(),
      ) =>
        await db.query(
          `insert into leads (tenant_id, idempotency_key, name, email, message, created_at)
       values ($1, $2, $3, $4, $5, $6)`,
          [ws.id, crypto.randomUUID(), name, email, message, createdAt],
        );
      const auditRows = async () => {
        await drainOutbox(app.services);
        return await db.query<{ action: string; target: string; diff: unknown; tenant_id: string }>(
          "select action, target, diff, tenant_id from audit_log order by id",
        );
      };
      // The oldest audit rows, from years ago, come first in the chain.
      await db.query(
        "insert into audit_log (at, action) values ($1, 'test.ancient'), ($2, 'test.kept')",
        [ago(2600), ago(2500)],
      );
      try {
        await t.step("leads and runs export as streamed CSV, guarded and audited", async () => {
          await addLead("ceo@acme.example", '=HYPERLINK("http://evil")', 'Say "hi", please');
          await addLead("cto@acme.example", "Bob", "Line one\nline two");
          await db.query(
            `insert into agent_runs (id, tenant_id, agent, provider, status, cost_usd)
         values ('run_1', $1, 'sales', 'offline', 'succeeded', 0.25)`,
            [ws.id],
          );
          const res = await app.fetch(`/api/workspaces/${ws.slug}/exports/leads`, {
            headers: { cookie: owner.cookie },
          });
          assertEquals(res.status, 200);
          assertEquals(res.headers.get("content-type"), "text/csv; charset=utf-8");
          assertStringIncludes(res.headers.get("content-disposition")!, `${ws.slug}-leads-`);
          const csv = await res.text();
          const lines = csv.split("\r\n");
          assertEquals(
            lines[0],
            "id,created_at,name,email,company,message,source,status,verification,consent",
          );
          assertStringIncludes(csv, `"'=HYPERLINK(""http://evil"")"`);
          assertStringIncludes(csv, `"Say ""hi"", please"`);
          assertStringIncludes(csv, '"Line one\nline two"');
          const runs = await (await app.fetch(`/api/workspaces/${ws.slug}/exports/runs`, {
            headers: { cookie: owner.cookie },
          })).text();
          assertStringIncludes(runs, "run_1,");
          const foreign = await app.fetch(`/api/workspaces/${ws.slug}/exports/leads`, {
            headers: { cookie: other.cookie },
          });
          assertEquals(foreign.status, 404);
          await foreign.body?.cancel();
          await db.query(
            `insert into leads (tenant_id, idempotency_key, name, email, created_at)
           select $1, 'bulk-' || i, 'Bulk ' || i, 'bulk' || i || '@x.example', now()
           from generate_series(1, 1100) as i`,
            [ws.id],
          );
          const all = await (await app.fetch(`/api/workspaces/${ws.slug}/exports/leads`, {
            headers: { cookie: owner.cookie },
          })).text();
          const ids = all.trim().split("\r\n").slice(1).map((l) => l.split(",")[0]);
          assertEquals(ids.length, 1102, "every row once, across pages");
          assertEquals(new Set(ids).size, 1102);
          await db.query("delete from leads where idempotency_key like 'bulk-%'");
          const audited = (await auditRows()).filter((r) => r.action === "data.exported");
          const byKind = (r: unknown[]) => JSON.stringify(r);
          assertEquals(
            audited.map((r) => [r.tenant_id, r.diff]).sort((a, b) =>
              byKind(a).localeCompare(byKind(b))
            ),
            [
              [ws.id, { kind: "leads" }],
              [ws.id, { kind: "leads" }],
              [ws.id, { kind: "runs" }],
            ],
            "each export audited once; the outbox drains in any order",
          );
        });

        await t.step(
          "a person's data is exported, then erased; the audit keeps no trace of them",
          async () => {
            const post = (action: string) =>
              app.fetch(`/api/workspaces/${ws.slug}/privacy/${action}`, {
                method: "POST",
                headers: { cookie: owner.cookie, "content-type": "application/json" },
                body: JSON.stringify({ email: "CEO@acme.example" }),
              });
            const exported = await (await post("export")).json();
            assertEquals(exported.leads.length, 1);
            assertEquals(exported.leads[0].email, "ceo@acme.example");
            const erased = await (await post("erase")).json();
            assertEquals(erased.leads, 1);
            const left = await db.query("select 1 from leads where email = 'ceo@acme.example'");
            assertEquals(left.length, 0);
            const rows = await auditRows();
            const erasure = rows.find((r) => r.action === "privacy.erased")!;
            assertEquals(erasure.target, `privacy_request:${erased.erasureId}`);
            assertNotIncludes(JSON.stringify(rows), "ceo@acme.example");
            assertEquals((await verifyAuditTrail(app.services)).ok, true);
          },
        );

        await t.step("retention removes exactly what is past its age", async () => {
          await db.query("delete from leads");
          await addLead("old@x.example", "Old", "older than two years", ago(731));
          await addLead("new@x.example", "New", "just inside two years", ago(729));
          await db.query(
            `insert into agent_runs (id, tenant_id, agent, provider, status, created_at) values
         ('run_old', $1, 'sales', 'offline', 'succeeded', $2),
         ('run_new', $1, 'sales', 'offline', 'succeeded', $3),
         ('run_live', $1, 'sales', 'offline', 'running', $2)`,
            [ws.id, ago(366), ago(364)],
          );
          await kv.set(["demo_events", 1], { seq: 1, type: "page_view", data: {}, at: +ago(31) });
          await kv.set(["demo_events", 2], { seq: 2, type: "page_view", data: {}, at: +ago(29) });
          await kv.set(["run_events", "run_new", 1], { seq: 1, type: "x", data: {}, at: +ago(15) });
          await kv.set(["run_events", "run_new", 2], { seq: 2, type: "x", data: {}, at: +ago(13) });
          await retentionJob.run(app.services);
          const leads = await db.query<{ email: string }>("select email from leads order by email");
          assertEquals(leads.map((l) => l.email), ["new@x.example"]);
          const runIds = await db.query<{ id: string }>("select id from agent_runs order by id");
          assertEquals(runIds.map((r) => r.id), ["run_1", "run_live", "run_new"]);
          assertEquals((await kv.get(["demo_events", 1])).value, null);
          assert((await kv.get(["demo_events", 2])).value !== null, "a 29-day-old event stays");
          assertEquals((await kv.get(["run_events", "run_new", 1])).value, null);
          assert(
            (await kv.get(["run_events", "run_new", 2])).value !== null,
            "a 13-day event stays",
          );
          const actions = (await auditRows()).map((r) => r.action);
          assertEquals(actions.includes("test.ancient"), false);
          assertEquals(actions.includes("test.kept"), true);
          assert(actions.includes("audit.checkpoint"), "a checkpoint marks the purge");
          assert(actions.includes("retention.applied"), "the pass is audited");
          assertEquals((await verifyAuditTrail(app.services)).ok, true);
        });

        await t.step("the weekly report reaches each workspace's owners", async () => {
          await addLead("fresh@x.example", "Fresh", "this week's lead", ago(1));
          await weeklyReportJob.run(app.services);
          const mails = await listOutbox(kv);
          const mine = mails.find((m) => m.to === owner.email)!;
          assertStringIncludes(mine.subject, "Your week on Relay: Acme");
          assertStringIncludes(mine.text, "New leads:   1");
          assertStringIncludes(mine.text, "Agent runs:  1");
          assert(mails.some((m) => m.to === other.email), "every workspace's owner gets one");
        });

        await t.step("the cache refresh and outbox sweep jobs run", async () => {
          await cacheRefreshJob.run(app.services);
          assert((await refreshCaches()).docsSections > 0, "the docs index is built");
          await outboxSweepJob.run(app.services);
        });
      } finally {
        await app.stop();
      }
    },
  });
}
