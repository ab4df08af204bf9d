import { assert, assertEquals } from "../support/assert.ts";
import { FetchRefused, type Resolver, safeFetch } from "../../lib/security/safe_fetch.ts";

/** A TCP listener on loopback that only counts connections: the guard must never reach it. */
function connectionCounter() {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  let count = 0;
  (async () => {
    for await (const conn of listener) {
      count++;
      conn.close();
    }
  })().catch(() => {});
  return { port: listener.addr.port, count: () => count, close: () => listener.close() };
}

async function refusal(url: string, options: Parameters<typeof safeFetch>[1]) {
  try {
    await safeFetch(url, options);
  } catch (e) {
    assert(e instanceof FetchRefused, `expected FetchRefused for ${url}, got ${e}`);
    return (e as FetchRefused).reason;
  }
  throw new Error(`${url} was fetched`);
}

Deno.test("the fetch guard refuses private, loopback and link-local targets before connecting", async () => {
  const counter = connectionCounter();
  const asked: string[] = [];
  const names: Record<string, string[]> = {
    "loop.test": ["127.0.0.1"],
    "private.test": ["10.0.0.1"],
    "metadata.test": ["169.254.169.254"],
    "mixed.test": ["93.184.216.34", "10.0.0.1"],
    "ula.test": ["fd00::1"],
    "mapped.test": ["::ffff:127.0.0.1"],
  };
  const resolver: Resolver = (host) => {
    asked.push(host);
    return Promise.resolve(names[host] ?? []);
  };
  const p = counter.port;
  const cases: [string, string][] = [
    [`http://127.0.0.1:${p}/`, "blocked_address"],
    [`http://10.0.0.1:${p}/`, "blocked_address"],
    ["http://169.254.169.254/latest/meta-data/", "blocked_address"],
    [`http://[::1]:${p}/`, "blocked_address"],
    [`http://2130706433:${p}/`, "blocked_address"],
    [`http://loop.test:${p}/`, "blocked_address"],
    ["http://private.test/", "blocked_address"],
    ["http://metadata.test/latest/meta-data/", "blocked_address"],
    ["http://mixed.test/", "blocked_address"],
    ["http://ula.test/", "blocked_address"],
    [`http://mapped.test:${p}/`, "blocked_address"],
    ["http://nowhere.test/", "unresolvable"],
    ["file:///etc/passwd", "scheme"],
    ["ftp://example.com/", "scheme"],
    ["http://user:pw@example.com/", "credentials"],
    ["not a url", "bad_url"],
  ];
  try {
    for (const [url, reason] of cases) assertEquals(await refusal(url, { resolver }), reason, url);
    assertEquals(counter.count(), 0, "no connection was opened");
    assert(asked.includes("loop.test") && asked.includes("metadata.test"), "names were resolved");
  } finally {
    counter.close();
  }
});

Deno.test("redirects are followed a few times, each hop re-checked; allowed hosts are pinned to the checked address; a POST is sent once, never redirected", async () => {
  const counter = connectionCounter();
  const posted: string[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, (req) => {
    const path = new URL(req.url).pathname;
    const to = (location: string) => new Response(null, { status: 302, headers: { location } });
    if (path === "/ok") return new Response("hello from the allowed host");
    if (path === "/to-metadata") return to("http://169.254.169.254/latest/meta-data/");
    if (path === "/to-loopback") return to(`http://127.0.0.1:${counter.port}/`);
    if (path === "/to-name") return to(`http://loop.test:${counter.port}/`);
    if (path === "/to-private") return to("http://10.0.0.1/");
    if (path === "/hop") return to("/ok");
    if (path === "/posted") posted.push(`${req.method} ${req.headers.get("content-type")}`);
    if (path === "/posted") return to("/ok");
    if (path === "/loop") return to("/loop");
    if (path === "/big") return new Response(new Uint8Array(64 * 1024));
    if (path === "/slow") {
      return new Promise((r) => setTimeout(() => r(new Response("late")), 1500));
    }
    return new Response("no", { status: 404 });
  });
  const port = server.addr.port;
  const resolver: Resolver = (host) =>
    Promise.resolve(
      host === "allowed.test" ? ["127.0.0.1"] : host === "loop.test" ? ["127.0.0.1"] : [],
    );
  const options = { resolver, allowlist: ["allowed.test"] };
  const base = `http://allowed.test:${port}`;
  try {
    const ok = await safeFetch(`${base}/hop`, options);
    assertEquals(new TextDecoder().decode(ok.body), "hello from the allowed host");
    assertEquals(ok.redirects, [`${base}/hop`]);
    assertEquals(ok.url, `${base}/ok`);
    for (const path of ["/to-metadata", "/to-loopback", "/to-name", "/to-private"]) {
      assertEquals(await refusal(`${base}${path}`, options), "blocked_address", path);
    }
    assertEquals(counter.count(), 0, "redirect targets were never connected to");
    assertEquals(await refusal(`${base}/loop`, options), "too_many_redirects");
    assertEquals(await refusal(`${base}/big`, { ...options, maxBytes: 1024 }), "too_large");
    assertEquals(await refusal(`${base}/slow`, { ...options, timeoutMs: 200 }), "timeout");
    const post = await safeFetch(`${base}/posted`, {
      ...options,
      method: "POST",
      body: "{}",
      headers: { "content-type": "application/json" },
    });
    assertEquals(post.status, 302, "a POST's redirect is answered, not followed");
    assertEquals(posted, ["POST application/json"], "the POST was sent once");
    assertEquals(
      await refusal(`http://127.0.0.1:${counter.port}/`, { method: "POST" }),
      "blocked_address",
    );
  } finally {
    counter.close();
    await server.shutdown();
  }
});
