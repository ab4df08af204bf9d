/**
 * The lighter embedded mode: PGlite starts with the `PGLITE_SHARED_BUFFERS` the settings give
 * (16MB unless set; PostgreSQL's own 128MB on request), and a malformed size is refused by name.
 */
import { assertEquals, assertRejects, assertStringIncludes } from "../support/assert.ts";
import { loadSettings, SettingsError } from "../../lib/config.ts";
import { openDb } from "../../lib/db/mod.ts";

const base = { DENO_ENV: "test", DATABASE_URL: "memory://", KV_PATH: ":memory:" };

for (const [given, expected] of [[undefined, "16MB"], ["128MB", "128MB"]] as const) {
  Deno.test(`embedded PGlite runs with shared_buffers ${expected} (PGLITE_SHARED_BUFFERS ${given ?? "unset"})`, async () => {
    const settings = await loadSettings({
      ...base,
      ...(given ? { PGLITE_SHARED_BUFFERS: given } : {}),
    });
    const db = await openDb(settings);
    try {
      const [row] = await db.query<{ shared_buffers: string }>("show shared_buffers");
      assertEquals(row.shared_buffers, expected);
    } finally {
      await db.close();
    }
  });
}

Deno.test("a malformed PGLITE_SHARED_BUFFERS is refused with the setting's name", async () => {
  const error = await assertRejects(
    () => loadSettings({ ...base, PGLITE_SHARED_BUFFERS: "lots" }),
    SettingsError,
  );
  assertStringIncludes(error.message, "PGLITE_SHARED_BUFFERS must be a size such as 16MB");
});
