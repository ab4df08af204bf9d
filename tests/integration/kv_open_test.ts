import assert from "node:assert/strict";
import { openKv } from "../../kv/open.ts";
import { runEventKey, runEventsPrefix } from "../../kv/keys.ts";

Deno.test("openKv creates the data folder for a file path and persists across opens", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const kvPath = `${dir}/nested/data/kv.sqlite3`;
    const kv = await openKv({ kvPath });
    await kv.set(runEventKey("r1", 1), { chunk: "hi" });
    kv.close();
    const again = await openKv({ kvPath });
    const entries = await Array.fromAsync(again.list({ prefix: runEventsPrefix("r1") }));
    again.close();
    assert.deepEqual(entries.map((e) => [e.key, e.value]), [[["run_events", "r1", 1], {
      chunk: "hi",
    }]]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("openKv opens an in-memory store", async () => {
  const kv = await openKv({ kvPath: ":memory:" });
  try {
    await kv.set(["k"], 1);
    assert.equal((await kv.get(["k"])).value, 1);
  } finally {
    kv.close();
  }
});
