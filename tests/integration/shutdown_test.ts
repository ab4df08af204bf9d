import { assert, assertEquals, assertStringIncludes } from "../support/assert.ts";
import { startServerProcess } from "../support/process.ts";

Deno.test("SIGTERM stops the server cleanly and releases the data folder for the next start", async () => {
  const dataDir = await Deno.makeTempDir();
  try {
    const first = await startServerProcess({ DATA_DIR: dataDir });
    const page = await fetch(`${first.url}/`);
    assertEquals(page.status, 200);
    await page.body?.cancel();
    const code = await first.stop("SIGTERM");
    assertEquals(code, 0, first.output());
    assertStringIncludes(first.output(), '"msg":"shutting down"');
    const second = await startServerProcess({ DATA_DIR: dataDir });
    const ready = await fetch(`${second.url}/readyz`);
    assertEquals(ready.status, 200, await ready.clone().text());
    const body = await ready.json();
    assert(body.checks.database.ok, "the PGlite data reopens after a clean stop");
    assertEquals(await second.stop("SIGINT"), 0, second.output());
  } finally {
    await Deno.remove(dataDir, { recursive: true });
  }
});

Deno.test("SIGTERM while the database is still being prepared stops cleanly without claiming a start", async () => {
  const dataDir = await Deno.makeTempDir();
  try {
    const server = await startServerProcess({ DATA_DIR: dataDir }, 30_000, { untilWarm: false });
    const code = await server.stop("SIGTERM");
    const lines = server.output().split("\n").filter((l) => l.startsWith("{"))
      .map((l) => JSON.parse(l).msg as string);
    assertEquals(code, 0, server.output());
    const stopAt = lines.indexOf("shutting down");
    assert(stopAt >= 0, server.output());
    assertEquals(lines.slice(stopAt).filter((m) => m === "started"), [], server.output());
    assertEquals(lines.filter((m) => m.includes("could not be prepared")), [], server.output());
  } finally {
    await Deno.remove(dataDir, { recursive: true });
  }
});
