import assert from "node:assert/strict";
import { DbUnavailableError, migrate, ping } from "../../lib/db/mod.ts";
import { openPostgres } from "../../lib/db/postgres.ts";
import { dbTest } from "../support/db.ts";

const MIGRATIONS = new URL("../../lib/db/migrations/", import.meta.url);
const TABLES = [
  "agent_runs",
  "audit_log",
  "data_exports",
  "leads",
  "memberships",
  "notifications",
  "schema_migrations",
  "tenants",
  "usage",
  "users",
];

/** Resolves with the first payload on `channel`, or rejects after `ms`. */
function nextPayload(
  listen: (cb: (p: string) => void) => Promise<() => Promise<void>>,
  ms = 30_000,
): Promise<{ payload: Promise<string>; stop: () => Promise<void> }> {
  let resolve!: (p: string) => void;
  let timer: ReturnType<typeof setTimeout>;
  const payload = new Promise<string>((res, rej) => {
    resolve = res;
    timer = setTimeout(() => rej(new Error("no notification")), ms);
  }).finally(() => clearTimeout(timer));
  return listen((p) => resolve(p)).then((stop) => ({ payload, stop }));
}

/** Every migration file in the repository, in order. */
async function migrationFiles(): Promise<string[]> {
  const names: string[] = [];
  for await (const e of Deno.readDir(MIGRATIONS)) if (e.name.endsWith(".sql")) names.push(e.name);
  return names.sort();
}

dbTest("migrate applies every file once, in order; re-running applies nothing", async (db) => {
  const files = await migrationFiles();
  assert.equal(files[0], "0001_init.sql");
  assert.deepEqual(await migrate(db), { applied: files });
  const tables = await db.query<{ table_name: string }>(
    `select table_name from information_schema.tables
     where table_schema = current_schema() order by table_name`,
  );
  const names = tables.map((t) => t.table_name);
  for (const table of TABLES) assert.ok(names.includes(table), `${table} exists`);
  const [row] = await db.query<{ version: number; name: string; checksum: string }>(
    "select version, name, checksum from schema_migrations order by version limit 1",
  );
  assert.equal(row.version, 1);
  assert.equal(row.name, "init");
  assert.match(row.checksum, /^[0-9a-f]{64}$/);
  assert.deepEqual(await migrate(db), { applied: [] });
});

dbTest("concurrent migrators apply each file exactly once", async (db) => {
  const results = await Promise.all([migrate(db), migrate(db), migrate(db)]);
  assert.deepEqual(results.flatMap((r) => r.applied).sort(), await migrationFiles());
});

dbTest("a changed applied migration is refused; a new one is applied", async (db) => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.copyFile(new URL("0001_init.sql", MIGRATIONS), `${dir}/0001_init.sql`);
    assert.deepEqual((await migrate(db, { dir })).applied, ["0001_init.sql"]);
    await Deno.writeTextFile(`${dir}/0002_more.sql`, "alter table leads add column score int;");
    assert.deepEqual((await migrate(db, { dir })).applied, ["0002_more.sql"]);
    await Deno.writeTextFile(`${dir}/0001_init.sql`, "\n-- edited\n", { append: true });
    await Deno.writeTextFile(`${dir}/0003_later.sql`, "create table later (id int);");
    await assert.rejects(() => migrate(db, { dir }), /0001_init\.sql was changed/);
    const later = await db.query(
      "select 1 from information_schema.tables where table_name = 'later' and table_schema = current_schema()",
    );
    assert.equal(later.length, 0, "nothing is applied after a checksum mismatch");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

dbTest("a failing migration rolls back entirely", async (db) => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/0001_bad.sql`, "create table half (id int); select nope;");
    await assert.rejects(() => migrate(db, { dir }));
    const rows = await db.query(
      "select 1 from information_schema.tables where table_name = 'half' and table_schema = current_schema()",
    );
    assert.equal(rows.length, 0);
    assert.equal((await db.query("select * from schema_migrations")).length, 0);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

dbTest("audit_log is append-only and hash-chained", async (db) => {
  await migrate(db);
  await db.query("insert into audit_log (action, actor_id, diff) values ($1, $2, $3)", [
    "lead.create",
    "u1",
    { email: "a@b.c" },
  ]);
  await db.query("insert into audit_log (action) values ($1)", ["lead.delete"]);
  const rows = await db.query<
    { id: number; prev_hash: string | null; hash: string; diff: unknown }
  >(
    "select id, prev_hash, hash, diff from audit_log order by id",
  );
  assert.equal(rows.length, 2);
  assert.equal(typeof rows[0].id, "number");
  assert.deepEqual(rows[0].diff, { email: "a@b.c" });
  assert.equal(rows[0].prev_hash, null);
  assert.match(rows[0].hash, /^[0-9a-f]{64}$/);
  assert.equal(rows[1].prev_hash, rows[0].hash);
  await assert.rejects(() => db.query("update audit_log set action = 'x'"), /append-only: UPDATE/);
  await assert.rejects(
    () => db.query("delete from audit_log where id = $1", [1]),
    /append-only: DELETE/,
  );
  await assert.rejects(() => db.exec("truncate audit_log"), /append-only: TRUNCATE/);
  assert.equal((await db.query("select 1 from audit_log")).length, 2);
});

dbTest(
  "schema constraints: emails unique case-insensitively, roles and statuses checked",
  async (db) => {
    await migrate(db);
    const [t] = await db.query<{ id: string; plan: string }>(
      "insert into tenants (name, slug) values ('Acme', 'acme') returning id, plan",
    );
    assert.match(t.id, /^[0-9a-f-]{36}$/);
    assert.equal(t.plan, "free");
    const [u] = await db.query<{ id: string }>(
      "insert into users (email) values ('Ada@Example.com') returning id",
    );
    await assert.rejects(() => db.query("insert into users (email) values ('ada@example.COM')"));
    await db.query("insert into memberships (tenant_id, user_id, role) values ($1, $2, 'owner')", [
      t.id,
      u.id,
    ]);
    await assert.rejects(() =>
      db.query("insert into memberships (tenant_id, user_id, role) values ($1, $2, 'god')", [
        t.id,
        u.id,
      ])
    );
    await db.query(
      `insert into agent_runs (id, tenant_id, agent, provider, input, tokens_in, cost_usd)
     values ('r1', $1, 'scorer', 'offline', $2, 12, 0.0015)`,
      [t.id, { text: "hi", n: [1, 2] }],
    );
    const [run] = await db.query<{ status: string; input: unknown; cost_usd: string }>(
      "select status, input, cost_usd from agent_runs",
    );
    assert.deepEqual(run, {
      status: "queued",
      input: { text: "hi", n: [1, 2] },
      cost_usd: "0.001500",
    });
    await assert.rejects(() => db.query("update agent_runs set status = 'lost'"));
    const [{ n }] = await db.query<{ n: number }>("select count(*) as n from agent_runs");
    assert.equal(n, 1);
  },
);

dbTest("transactions commit, roll back, and nest with savepoints", async (db) => {
  await db.exec("create table t (v int); create table u (v int)");
  await db.transaction(async (tx) => {
    await tx.query("insert into t values ($1)", [1]);
  });
  await assert.rejects(() =>
    db.transaction(async (tx) => {
      await tx.query("insert into t values (2)");
      throw new Error("boom");
    }), /boom/);
  await db.transaction(async (tx) => {
    await tx.query("insert into u values (1)");
    await assert.rejects(() =>
      tx.transaction(async (inner) => {
        await inner.query("insert into u values (2)");
        throw new Error("inner");
      })
    );
    await tx.transaction((inner) => inner.query("insert into u values (3)"));
  });
  assert.deepEqual(await db.query("select v from t"), [{ v: 1 }]);
  assert.deepEqual(await db.query("select v from u order by v"), [{ v: 1 }, { v: 3 }]);
});

dbTest("listen/notify delivers payloads; notify in a transaction waits for commit", async (db) => {
  const channel = `ch_${crypto.randomUUID().slice(0, 8)}`;
  const first = await nextPayload((cb) => db.listen(channel, cb));
  await db.notify(channel, "hello");
  assert.equal(await first.payload, "hello");
  await first.stop();

  const seen: string[] = [];
  const stop = await db.listen(channel, (p) => seen.push(p));
  await db.transaction(async (tx) => {
    await tx.notify(channel, "after-commit");
    await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(seen, []);
  });
  await assert.rejects(() =>
    db.transaction(async (tx) => {
      await tx.notify(channel, "rolled-back");
      throw new Error("abort");
    })
  );
  const deadline = Date.now() + 30_000;
  while (seen.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  await new Promise((r) => setTimeout(r, 100));
  assert.deepEqual(seen, ["after-commit"]);
  await stop();
});

dbTest("ping answers true for a live database", async (db) => {
  assert.equal(await ping(db, 1000), true);
});

Deno.test("ping returns false fast and queries fail with DbUnavailableError when the server is unreachable", async () => {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr;
  listener.close();
  const db = await openPostgres({
    url: `postgres://nobody:secret@127.0.0.1:${port}/none`,
    schema: "unreachable_test",
    connectTimeout: 1,
  });
  try {
    const t0 = performance.now();
    assert.equal(await ping(db, 1000), false);
    assert.ok(performance.now() - t0 < 10_000, `ping took ${performance.now() - t0} ms`);
    await assert.rejects(() => db.query("select 1"), DbUnavailableError);
  } finally {
    await db.close();
  }
});
