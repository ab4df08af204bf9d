/**
 * Start-up serves before the database is ready: with PostgreSQL held back (a loopback gate that
 * accepts connections but forwards nothing until opened), the server already answers Home and
 * /healthz, /readyz says what is still warming, and Home's figure-less page is not cached, so
 * once the database is ready Home shows its measured figures.
 */
import { assert, assertEquals, assertStringIncludes } from "../support/assert.ts";
import { startApp } from "../../lib/boot.ts";
import { loadSettings } from "../../lib/config.ts";
import { databaseUrl, uniqueSchema } from "../support/db.ts";

/** A TCP gate in front of `target`: connections wait until `open()`, then are piped through. */
function startGate(target: URL) {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const conns = new Set<Deno.Conn>();
  (async () => {
    for await (const client of listener) {
      conns.add(client);
      opened.then(async () => {
        const server = await Deno.connect({ hostname: target.hostname, port: Number(target.port) });
        conns.add(server);
        await Promise.allSettled([
          client.readable.pipeTo(server.writable),
          server.readable.pipeTo(client.writable),
        ]);
      }).catch(() => {});
    }
  })().catch(() => {});
  return {
    port: listener.addr.port,
    open,
    close() {
      listener.close();
      for (const c of conns) {
        try {
          c.close();
        } catch { /* already closed */ }
      }
    },
  };
}

Deno.test("[postgres] the server answers while the database warms up; /readyz waits for it", async () => {
  const target = new URL(databaseUrl());
  const gate = startGate(target);
  const gated = new URL(target);
  gated.hostname = "127.0.0.1";
  gated.port = String(gate.port);
  const settings = await loadSettings({
    DENO_ENV: "test",
    PORT: "0",
    HOSTNAME: "127.0.0.1",
    KV_PATH: ":memory:",
    DATABASE_URL: gated.href,
    DATABASE_SCHEMA: uniqueSchema(),
    LOG_LEVEL: "error",
  });
  const app = await startApp({ settings, crons: false, serveWhileWarming: true });
  const get = (path: string) => fetch(new URL(path, app.url));
  try {
    const health = await (await get("/healthz")).json();
    assertEquals(health.status, "ok");
    assertEquals(health.warming, true, "liveness says the database is still warming");

    const notReady = await get("/readyz");
    assertEquals(notReady.status, 503);
    const checks = (await notReady.json()).checks;
    assertEquals(checks.database.ok, false);
    assertStringIncludes(checks.database.detail, "starting");

    const early = await get("/");
    assertEquals(early.status, 200, "Home is served before the database answers");
    const earlyHtml = await early.text();
    assertStringIncludes(earlyHtml, "<h1");
    assert(!earlyHtml.includes("data-figure="), "no figures while warming");

    gate.open();
    await app.ready;
    assertEquals((await (await get("/healthz")).json()).warming, false);
    const ready = await get("/readyz");
    assertEquals(ready.status, 200, await ready.clone().text());
    assertEquals((await ready.json()).checks.database.ok, true);

    await app.services.db.query(
      `insert into agent_runs (id, agent, provider, status, created_at, first_token_at)
       values ('run-warm-1', 'docs-assistant', 'offline', 'succeeded', now(), now())`,
    );
    const html = await (await get("/")).text();
    assertStringIncludes(html, 'data-figure="', "the page made while warming was not cached");
  } finally {
    gate.open();
    await app.stop();
    gate.close();
  }
});
