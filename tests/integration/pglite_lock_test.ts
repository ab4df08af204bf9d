import assert from "node:assert/strict";
import { openDb } from "../../lib/db/mod.ts";

const ROOT = new URL("../../", import.meta.url).pathname;

/** Opens the same data folder from another process; returns its exit code and output. */
async function openInSubprocess(dataDir: string) {
  const code = `
    import { openDb } from "./lib/db/mod.ts";
    const db = await openDb(${JSON.stringify({ dataDir, databaseSchema: "public" })});
    const [row] = await db.query("select v from kept");
    console.log("opened", row?.v);
    await db.close();
  `;
  const t0 = performance.now();
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["eval", "--quiet", code],
    cwd: ROOT,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const dec = new TextDecoder();
  return {
    code: out.code,
    stdout: dec.decode(out.stdout),
    stderr: dec.decode(out.stderr),
    ms: performance.now() - t0,
  };
}

Deno.test("a second process gets a clear error while PGlite's folder is in use", async () => {
  const dataDir = await Deno.makeTempDir();
  try {
    const db = await openDb({ dataDir, databaseUrl: undefined, databaseSchema: "public" });
    try {
      assert.equal(db.kind, "pglite");
      await db.exec("create table kept (v text); insert into kept values ('persisted')");
      const busy = await openInSubprocess(dataDir);
      assert.notEqual(busy.code, 0);
      assert.match(
        busy.stderr,
        new RegExp(
          `pglite is in use by another process \\(pid ${Deno.pid}\\); stop it or set DATABASE_URL`,
        ),
      );
      assert.ok(!busy.stdout.includes("opened"));
      assert.ok(busy.ms < 60_000, `the refused process took ${busy.ms} ms to exit`);
    } finally {
      await db.close();
    }
    // Released on close: another process can now open it, and sees the data.
    const free = await openInSubprocess(dataDir);
    assert.equal(free.code, 0, free.stderr);
    assert.equal(free.stdout.trim(), "opened persisted");
  } finally {
    await Deno.remove(dataDir, { recursive: true });
  }
});
