/**
 * The KV side of the jobs backends: schedule ticks claimed once across processes sharing a KV
 * file, and a KV that refuses queues exactly as KV Connect does.
 */
import { claimTick } from "../../lib/jobs/kv_backend.ts";
import { openKv } from "../../kv/open.ts";
import { ENQUEUE_REFUSED } from "../../kv/without_queues.ts";
import { assertEquals, assertRejects, assertStringIncludes } from "../support/assert.ts";

Deno.test("a schedule tick is claimed once across KV handles sharing one file (KV_QUEUES=false)", async () => {
  const dir = await Deno.makeTempDir();
  const handles = await Promise.all(
    [1, 2, 3].map(() => openKv({ kvPath: `${dir}/kv.sqlite3`, kvQueues: false })),
  );
  try {
    const minute = Date.UTC(2026, 11, 3, 9, 0);
    const claims = (at: number) =>
      Promise.all(handles.flatMap((kv) => [0, 1].map(() => claimTick(kv, "weekly-report", at))));
    assertEquals((await claims(minute + 10)).filter(Boolean).length, 1);
    assertEquals((await claims(minute + 59_000)).filter(Boolean).length, 0, "same tick");
    assertEquals((await claims(minute + 60_000)).filter(Boolean).length, 1, "next tick");
    assertEquals(
      (await Promise.all(handles.map((kv) => claimTick(kv, "retention", minute))))
        .filter(Boolean).length,
      1,
      "ticks are per schedule",
    );
  } finally {
    for (const kv of handles) kv.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("KV_QUEUES=false: enqueue is refused as KV Connect refuses it; other writes work", async () => {
  const kv = await openKv({ kvPath: ":memory:", kvQueues: false });
  try {
    await assertRejects(() => kv.enqueue({ type: "x" }), TypeError, ENQUEUE_REFUSED);
    await assertRejects(
      () => kv.atomic().set(["a"], 1).enqueue({ type: "x" }).commit(),
      TypeError,
      ENQUEUE_REFUSED,
    );
    assertEquals((await kv.get(["a"])).value, null, "nothing of a refused commit is written");
    const res = await kv.atomic().check({ key: ["b"], versionstamp: null }).set(["b"], 2).commit();
    assertEquals(res.ok, true);
    assertEquals((await kv.get(["b"])).value, 2);
  } finally {
    kv.close();
  }
});

/** This process's environment without the settings that would give the child a jobs backend. */
function inherited(): Record<string, string> {
  const env = Deno.env.toObject();
  for (const name of ["DATABASE_URL", "JOBS_BACKEND", "KV_QUEUES", "DATABASE_SCHEMA"]) {
    delete env[name];
  }
  return env;
}

Deno.test("main.ts on a KV Connect URL without PostgreSQL refuses to start and says why", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", new URL("../../main.ts", import.meta.url).pathname],
      env: {
        ...inherited(),
        DENO_ENV: "test",
        DATA_DIR: dir,
        PORT: "0",
        KV_PATH: "http://127.0.0.1:9",
      },
      clearEnv: true,
      stdout: "piped",
      stderr: "piped",
    }).output();
    const stderr = new TextDecoder().decode(out.stderr);
    assertEquals(out.code, 78, stderr);
    assertStringIncludes(
      stderr,
      "JOBS_BACKEND is kv but the KV at http://127.0.0.1:9 has no queues",
    );
    assertStringIncludes(
      stderr,
      "set DATABASE_URL to a PostgreSQL server and JOBS_BACKEND=postgres",
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
