/**
 * Issue 14 item 1: a control character in the consent form's `return` path reached the
 * `Location` header and made Deno panic, ending the process. The real server runs as a child
 * process here, so a crash fails the test.
 */
import { assertEquals, assertNotIncludes } from "../support/assert.ts";
import { assertHealthy, startServerProcess } from "../support/process.ts";

const CONTROLS = [
  ...Array.from({ length: 31 }, (_, i) => i + 1),
  0x7f,
];

Deno.test("POST /consent with a control character in `return` redirects to /cookies and the server lives", async () => {
  const dataDir = await Deno.makeTempDir();
  const server = await startServerProcess({
    DATA_DIR: dataDir,
    KV_PATH: ":memory:",
    DATABASE_URL: "memory://",
  }, 90_000);
  try {
    for (const code of CONTROLS) {
      const hex = code.toString(16).padStart(2, "0");
      for (const ret of [`/%${hex}x`, `/a%${hex}`, `/%${hex}/evil.example`]) {
        const res = await fetch(`${server.url}/consent`, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: `choice=reject&return=${ret}`,
          redirect: "manual",
        });
        await res.body?.cancel();
        assertEquals(res.status, 303, ret);
        assertEquals(res.headers.get("location"), "/cookies", ret);
        await assertHealthy(server, `return=${ret}`);
      }
    }
    assertNotIncludes(server.output(), "panicked");
  } finally {
    await server.stop();
    await Deno.remove(dataDir, { recursive: true });
  }
});
