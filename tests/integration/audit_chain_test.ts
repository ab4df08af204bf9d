import { appendAuditEvent, purgeAuditLog } from "../../lib/audit/append.ts";
import { recordAudit } from "../../lib/audit/record.ts";
import { verifyAuditChain, verifyAuditTrail } from "../../lib/audit/verify.ts";
import { generateSecret } from "../../lib/config/secrets.ts";
import { migrate } from "../../lib/db/mod.ts";
import type { Db } from "../../lib/db/types.ts";
import { drainEntry, drainOutbox, outboxDepth } from "../../lib/outbox/outbox.ts";
import type { Services } from "../../lib/services.ts";
import { enqueueOnlyJobs } from "../../lib/jobs/mod.ts";
import "../../queues/mod.ts";
import { assert, assertEquals, assertRejects, assertStringIncludes } from "../support/assert.ts";
import { databaseUrl, dbTest, uniqueSchema } from "../support/db.ts";
import { openPostgres } from "../../lib/db/postgres.ts";
import { setLogSink } from "../../lib/telemetry/log.ts";

const TENANT = "7d3c1a52-7f7e-4a51-9d7e-0b8f6f7f2a10";
const KEY = generateSecret();

async function withServices(db: Db, fn: (s: Services) => Promise<void>, keys = [KEY]) {
  await migrate(db);
  const kv = await Deno.openKv(":memory:");
  try {
    await fn({
      kv,
      db,
      settings: { auditKeys: keys, databaseSchema: "audit" },
      jobs: enqueueOnlyJobs({ jobsBackend: "kv" }, kv),
    } as Services);
  } finally {
    kv.close();
  }
}

/** Appends a row from the app with a chosen time (sealed and anchored like every append). */
function appendAt(services: Services, at: string, action: string) {
  return appendAuditEvent(services, crypto.randomUUID(), {
    at,
    actorId: null,
    tenantId: null,
    action,
    target: null,
    requestId: null,
  });
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
    assertEquals(await verifyAuditTrail(services), { ok: true, rows: 5 });
    const sealed = await db.query<{ mac: string | null }>("select mac from audit_log");
    assert(sealed.every((r) => r.mac && /^[0-9a-f]{64}$/.test(r.mac)), "every row is sealed");
  });
});

dbTest("concurrent appends keep one unbroken, sealed chain in id order", async (db) => {
  await withServices(db, async (services) => {
    await Promise.all(
      Array.from(
        { length: 20 },
        () => appendAt(services, new Date().toISOString(), "test.concurrent"),
      ),
    );
    assertEquals(await verifyAuditTrail(services), { ok: true, rows: 20 });
    const [{ max }] = await db.query<{ max: number }>("select max(id)::int as max from audit_log");
    const anchor = await services.kv.get<{ id: number }>(["audit_heads", "audit"]);
    assertEquals(anchor.value?.id, max, "the KV anchor holds the newest row");
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
    const result = await verifyAuditTrail(services);
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
    assertEquals((await verifyAuditTrail(services)).firstBad?.id, ids[3]);
    await tamper(db, `delete from audit_log where id = ${ids[1]}`);
    const result = await verifyAuditTrail(services);
    assertEquals(result.firstBad?.id, ids[2]);
    assertStringIncludes(result.firstBad!.reason, "removed");
  });
});

dbTest("purging whole old months leaves a checkpoint and a chain that verifies", async (db) => {
  await withServices(db, async (services) => {
    for (const at of ["2020-01-05", "2020-01-20", "2020-02-10"]) {
      await appendAt(services, `${at}T00:00:00Z`, "test.old");
    }
    await record(services, 2);
    await drainOutbox(services);
    await assertRejects(
      () => purgeAuditLog(services, new Date("2020-02-03T00:00:00Z")),
      Error,
      "whole months",
    );
    assertEquals(await purgeAuditLog(services, new Date("2020-02-01T00:00:00Z")), 2);
    const actions = await db.query<{ action: string }>("select action from audit_log order by id");
    assertEquals(actions.map((a) => a.action), [
      "test.old",
      "member.role_changed",
      "member.role_changed",
      "audit.checkpoint",
    ]);
    assertEquals(await verifyAuditTrail(services), { ok: true, rows: 4 });
    await tamper(db, "delete from audit_log where action = 'test.old'");
    assert(!(await verifyAuditTrail(services)).ok, "removing rows outside the purge is detected");
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
    assertEquals(await verifyAuditTrail(services), { ok: true, rows: 1 });
  });
});

/**
 * What the table's owner can do with database access alone: switch the triggers off, change a
 * row, recompute every unkeyed hash after it and the head, and switch the triggers back on.
 */
async function rewriteChainFrom(db: Db, id: number, change: string) {
  await db.exec(`alter table audit_log disable trigger user;
    ${change};
    do $$
    declare
      r record;
      prev text := (select hash from audit_log where id < ${id} order by id desc limit 1);
    begin
      for r in select * from audit_log where id >= ${id} order by id loop
        update audit_log set prev_hash = prev,
          hash = audit_log_row_hash(prev, r.id, r.at, r.actor_id, r.tenant_id, r.action, r.target,
            r.request_id, r.diff)
          where id = r.id returning hash into prev;
      end loop;
      update audit_log_head set last_id = (select max(id) from audit_log), hash = prev;
    end $$;
    alter table audit_log enable trigger user`);
}

dbTest("a chain rewritten and recomputed by the table's owner fails its seals", async (db) => {
  await withServices(db, async (services) => {
    await record(services, 4);
    await drainOutbox(services);
    const ids = (await db.query<{ id: number }>("select id from audit_log order by id"))
      .map((r) => Number(r.id));
    await rewriteChainFrom(
      db,
      ids[1],
      `update audit_log set target = 'user:forged' where id = ${ids[1]}`,
    );
    const unkeyed = await db.query<{ ok: boolean }>(
      `select bool_and(hash = audit_log_row_hash(prev_hash, id, at, actor_id, tenant_id, action,
         target, request_id, diff)) as ok from audit_log`,
    );
    assertEquals(unkeyed[0].ok, true, "the unkeyed chain alone looks intact");
    const result = await verifyAuditTrail(services);
    assertEquals(result.ok, false);
    assertEquals(result.firstBad?.id, ids[1]);
    assertStringIncludes(result.firstBad!.reason, "rewritten without the audit key");

    await db.exec(`alter table audit_log disable trigger user;
      update audit_log set mac = null, key_id = null;
      alter table audit_log enable trigger user`);
    const stripped = await verifyAuditTrail(services);
    assertEquals(stripped.ok, false, "stripping every seal is caught by the KV anchor");
    assertEquals(stripped.firstBad?.id, ids[3]);
    assertStringIncludes(stripped.firstBad!.reason, "anchored outside the database");
  });
});

dbTest(
  "removing the newest rows and fixing the head is caught by the KV anchor and logged",
  async (db) => {
    const lines: string[] = [];
    const restore = setLogSink((line) => lines.push(line));
    try {
      await withServices(db, async (services) => {
        await record(services, 4);
        await drainOutbox(services);
        const rows = await db.query<{ id: number; hash: string }>(
          "select id, hash from audit_log order by id",
        );
        const newest = Number(rows[3].id);
        assert(
          lines.some((l) => l.includes('"audit head"') && l.includes(`"auditHeadId":${newest}`)),
          "each append logs the head it anchors",
        );
        await db.exec(`alter table audit_log disable trigger user;
        delete from audit_log where id > ${rows[1].id};
        update audit_log_head set last_id = ${rows[1].id}, hash = '${rows[1].hash}';
        alter table audit_log enable trigger user`);
        assertEquals(
          (await verifyAuditChain(db, { keys: [KEY] })).ok,
          true,
          "without the anchor the shortened chain looks whole",
        );
        const result = await verifyAuditTrail(services);
        assertEquals(result.ok, false);
        assertEquals(result.firstBad?.id, newest);
        assertStringIncludes(result.firstBad!.reason, "newest rows were removed");
      });
    } finally {
      restore();
    }
  },
);

dbTest("rotating AUDIT_KEYS: old rows verify while their key is listed, by key id", async (db) => {
  const oldKey = generateSecret();
  const newKey = generateSecret();
  await withServices(db, async (services) => {
    await record(services, 2);
    await drainOutbox(services);
    services.settings.auditKeys = [newKey, oldKey];
    await record(services, 2);
    await drainOutbox(services);
    const keyIds = await db.query<{ key_id: string }>("select key_id from audit_log order by id");
    assertEquals(new Set(keyIds.map((r) => r.key_id)).size, 2, "each row names its key");
    assertEquals(await verifyAuditTrail(services), { ok: true, rows: 4 });
    services.settings.auditKeys = [newKey];
    const dropped = await verifyAuditTrail(services);
    assertEquals(dropped.ok, false);
    assertStringIncludes(dropped.firstBad!.reason, "not in AUDIT_KEYS");
  }, [oldKey]);
});

dbTest(
  "rows written before the chain was keyed verify unsealed, but never after a sealed row",
  async (db) => {
    await withServices(db, async (services) => {
      await db.query("insert into audit_log (action) values ('legacy.one'), ('legacy.two')");
      await record(services, 1);
      await drainOutbox(services);
      assertEquals(await verifyAuditTrail(services), { ok: true, rows: 3, unsealed: 2 });
      await db.query("insert into audit_log (action) values ('forged.append')");
      const [{ id }] = await db.query<{ id: number }>("select max(id)::int as id from audit_log");
      const result = await verifyAuditTrail(services);
      assertEquals(result.firstBad?.id, id);
      assertStringIncludes(result.firstBad!.reason, "not sealed");
    });
  },
);

Deno.test({
  name: "deno task audit:verify names the first bad row and checks the KV anchor [postgres]",
  async fn() {
    const schema = uniqueSchema();
    const dir = await Deno.makeTempDir();
    const db = await openPostgres({ url: databaseUrl(), schema, max: 2 });
    const kv = await Deno.openKv(`${dir}/kv.sqlite3`);
    const services = { db, kv, settings: { auditKeys: [KEY], databaseSchema: schema } };
    const run = async () => {
      const out = await new Deno.Command(Deno.execPath(), {
        args: ["task", "-q", "audit:verify"],
        env: {
          DATABASE_SCHEMA: schema,
          DENO_ENV: "test",
          LOG_LEVEL: "error",
          AUDIT_KEYS: KEY,
          KV_PATH: `${dir}/kv.sqlite3`,
        },
        stdout: "piped",
        stderr: "piped",
      }).output();
      return { code: out.code, text: new TextDecoder().decode(out.stdout) };
    };
    try {
      await migrate(db);
      for (const action of ["a.one", "a.two", "a.three"]) {
        await appendAt(services as unknown as Services, new Date().toISOString(), action);
      }
      assertEquals(await run(), { code: 0, text: "audit chain verifies: 3 rows\n" });
      const rows = await db.query<{ id: number; hash: string }>(
        "select id::int as id, hash from audit_log order by id",
      );
      await db.exec(`alter table audit_log disable trigger user;
        delete from audit_log where id = ${rows[2].id};
        update audit_log_head set last_id = ${rows[1].id}, hash = '${rows[1].hash}';
        alter table audit_log enable trigger user`);
      const truncated = await run();
      assertEquals(truncated.code, 1);
      assertStringIncludes(truncated.text, `BROKEN at row ${rows[2].id}:`);
      assertStringIncludes(truncated.text, "anchored outside the database, is missing");
      await tamper(db, "update audit_log set target = 'forged' where action = 'a.one'");
      const broken = await run();
      assertEquals(broken.code, 1);
      assertStringIncludes(broken.text, `BROKEN at row ${rows[0].id}: content does not match`);
    } finally {
      kv.close();
      await db.exec(`drop schema "${schema}" cascade`);
      await db.close();
      await Deno.remove(dir, { recursive: true });
    }
  },
});
