import { recordAudit } from "../../lib/audit/record.ts";
import { verifyAuditChain } from "../../lib/audit/verify.ts";
import { migrate } from "../../lib/db/mod.ts";
import type { Db } from "../../lib/db/types.ts";
import { drainEntry, drainOutbox, outboxDepth } from "../../lib/outbox/outbox.ts";
import type { Services } from "../../lib/services.ts";
import { enqueueOnlyJobs } from "../../lib/jobs/mod.ts";
import "../../queues/mod.ts";
import { assert, assertEquals, assertRejects, assertStringIncludes } from "../support/assert.ts";
import { dbTest, uniqueSchema } from "../support/db.ts";
import { openPostgres } from "../../lib/db/postgres.ts";

const TENANT = "7d3c1a52-7f7e-4a51-9d7e-0b8f6f7f2a10";

async function withServices(db: Db, fn: (s: Services) => Promise<void>) {
  await migrate(db);
  const kv = await Deno.openKv(":memory:");
  try {
    await fn({ kv, db, jobs: enqueueOnlyJobs({ jobsBackend: "kv" }, kv) } as Services);
  } finally {
    kv.close();
  }
}

async function record(services: Services, n: number) {
  for (let i = 0; i < n; i++) {
    await recordAudit(services, {
      actorId: `user-${i}`,
      tenantId: TENANT,
      action: "member.role_changed",
      target: `user:${i}`,
      requestId: `req-${i}`,
      diff: { role: ["member", "admin"] },
    });
  }
}

/** Runs `sql` with the append-only trigger switched off, as the table owner (a test-only path). */
async function tamper(db: Db, sql: string) {
  await db.exec(`alter table audit_log disable trigger audit_log_append_only;
    ${sql};
    alter table audit_log enable trigger audit_log_append_only`);
}

dbTest("audit events go through the outbox and the chain verifies", async (db) => {
  await withServices(db, async (services) => {
    await record(services, 5);
    assertEquals(await outboxDepth(services), 5);
    assertEquals(await drainOutbox(services), { drained: 5, left: 0 });
    const rows = await db.query<{ action: string; tenant_id: string; diff: unknown }>(
      "select action, tenant_id, diff from audit_log order by id",
    );
    assertEquals(rows.length, 5);
    assertEquals(rows[0].tenant_id, TENANT);
    assertEquals(rows[0].diff, { role: ["member", "admin"] });
    assertEquals(await verifyAuditChain(db), { ok: true, rows: 5 });
  });
});

dbTest("concurrent appends keep one unbroken chain in id order", async (db) => {
  await withServices(db, async () => {
    await Promise.all(
      Array.from(
        { length: 20 },
        (_, i) =>
          db.transaction((tx) =>
            tx.query("insert into audit_log (event_id, action) values ($1, 'test.concurrent')", [
              `e${i}`,
            ])
          ),
      ),
    );
    assertEquals(await verifyAuditChain(db), { ok: true, rows: 20 });
  });
});

dbTest("the trigger refuses UPDATE and DELETE", async (db) => {
  await withServices(db, async (services) => {
    await record(services, 1);
    await drainOutbox(services);
    await assertRejects(() => db.query("update audit_log set target = 'x'"), Error, "append-only");
    await assertRejects(() => db.query("delete from audit_log"), Error, "append-only");
  });
});

dbTest("a row changed directly in the database is named", async (db) => {
  await withServices(db, async (services) => {
    await record(services, 4);
    await drainOutbox(services);
    const [, second] = await db.query<{ id: number }>("select id from audit_log order by id");
    await tamper(db, `update audit_log set target = 'user:forged' where id = ${second.id}`);
    const result = await verifyAuditChain(db);
    assertEquals(result.ok, false);
    assertEquals(result.firstBad?.id, second.id);
    assertStringIncludes(result.firstBad!.reason, "changed");
  });
});

dbTest("a removed middle row and a removed newest row are detected", async (db) => {
  await withServices(db, async (services) => {
    await record(services, 4);
    await drainOutbox(services);
    const ids = (await db.query<{ id: number }>("select id from audit_log order by id")).map((
      r,
    ) => r.id);
    await tamper(db, `delete from audit_log where id = ${ids[3]}`);
    assertEquals((await verifyAuditChain(db)).firstBad?.id, ids[3]);
    await tamper(db, `delete from audit_log where id = ${ids[1]}`);
    const result = await verifyAuditChain(db);
    assertEquals(result.firstBad?.id, ids[2]);
    assertStringIncludes(result.firstBad!.reason, "removed");
  });
});

dbTest("purging whole old months leaves a checkpoint and a chain that verifies", async (db) => {
  await withServices(db, async (services) => {
    for (const at of ["2020-01-05", "2020-01-20", "2020-02-10"]) {
      await db.query("insert into audit_log (at, action) values ($1, 'test.old')", [at]);
    }
    await record(services, 2);
    await drainOutbox(services);
    await assertRejects(
      () => db.query("select audit_log_purge('2020-02-03T00:00:00Z')"),
      Error,
      "whole months",
    );
    const [{ removed }] = await db.query<{ removed: number }>(
      "select audit_log_purge('2020-02-01T00:00:00Z') as removed",
    );
    assertEquals(Number(removed), 2);
    const actions = await db.query<{ action: string }>("select action from audit_log order by id");
    assertEquals(actions.map((a) => a.action), [
      "test.old",
      "member.role_changed",
      "member.role_changed",
      "audit.checkpoint",
    ]);
    assertEquals(await verifyAuditChain(db), { ok: true, rows: 4 });
    await tamper(db, "delete from audit_log where action = 'test.old'");
    assert(!(await verifyAuditChain(db)).ok, "removing rows outside the purge is detected");
  });
});

dbTest("recordAudit refuses malformed events and the reserved checkpoint action", async (db) => {
  await withServices(db, async (services) => {
    await assertRejects(() => recordAudit(services, { action: "Bad Action" }));
    await assertRejects(() => recordAudit(services, { action: "audit.checkpoint" }));
    await assertRejects(() => recordAudit(services, { action: "a.b", tenantId: "not-a-uuid" }));
    assertEquals(await outboxDepth(services), 0);
  });
});

dbTest("an event drained twice, even at once, is appended once", async (db) => {
  await withServices(db, async (services) => {
    await record(services, 1);
    const [entry] = await Array.fromAsync(services.kv.list({ prefix: ["outbox"] }));
    const id = (entry.value as { id: string }).id;
    await Promise.all([drainEntry(services, id), drainEntry(services, id)]);
    await db.query(
      "insert into audit_log (event_id, action) values ($1, 'x.y') on conflict do nothing",
      [id],
    );
    assertEquals(await verifyAuditChain(db), { ok: true, rows: 1 });
  });
});

Deno.test({
  name: "deno task audit:verify names the first bad row [postgres]",
  ignore: !Deno.env.get("DATABASE_URL"),
  async fn() {
    const schema = uniqueSchema();
    const db = await openPostgres({ url: Deno.env.get("DATABASE_URL")!, schema, max: 2 });
    const run = async () => {
      const out = await new Deno.Command(Deno.execPath(), {
        args: ["task", "-q", "audit:verify"],
        env: { DATABASE_SCHEMA: schema, DENO_ENV: "test", LOG_LEVEL: "error" },
        stdout: "piped",
        stderr: "piped",
      }).output();
      return { code: out.code, text: new TextDecoder().decode(out.stdout) };
    };
    try {
      await migrate(db);
      await db.query("insert into audit_log (action) values ('a.one'), ('a.two')");
      assertEquals(await run(), { code: 0, text: "audit chain verifies: 2 rows\n" });
      const [first] = await db.query<{ id: number }>("select min(id)::int as id from audit_log");
      await tamper(db, "update audit_log set target = 'forged' where action = 'a.one'");
      const broken = await run();
      assertEquals(broken.code, 1);
      assertStringIncludes(broken.text, `BROKEN at row ${first.id}: content does not match`);
    } finally {
      await db.exec(`drop schema "${schema}" cascade`);
      await db.close();
    }
  },
});
