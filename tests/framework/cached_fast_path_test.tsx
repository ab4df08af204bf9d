/**
 * The cached-page fast path: once a cached page has been answered in full to an anonymous GET,
 * later anonymous requests get the same bytes and headers without Hono's middleware chain;
 * anything it does not know goes through the chain as before.
 */
import { assert, assertEquals } from "../support/assert.ts";
import {
  createApp,
  type FreshContext,
  type PageProps,
  stateOf,
  StaticFiles,
} from "../../lib/framework/mod.ts";

const staticFiles = await StaticFiles.load(new URL("../fixtures/static/", import.meta.url));

function site({ staticTtlMs = Infinity, setCookie = false } = {}) {
  const seen = { middleware: 0, stamps: [] as { status: number; route: string; path: string }[] };
  const page = ({ state }: PageProps) => (
    <p>hello {(state as { who?: string }).who ?? "visitor"} {"x".repeat(2000)}</p>
  );
  const app = createApp({
    manifest: {
      baseUrl: import.meta.url,
      islands: {},
      routes: {
        "./routes/index.tsx": { default: page, config: { static: true } },
        "./routes/live.tsx": { default: page },
      },
    },
    staticFiles,
    assets: { files: new Map(), boot: null, bootImports: [] },
    staticTtlMs,
    middlewares: [async (c, next) => {
      seen.middleware++;
      const who = /who=(\w+)/.exec(c.req.header("cookie") ?? "")?.[1];
      if (who) (stateOf(c) as { who?: string }).who = who;
      await next();
      c.res.headers.set("x-security", "on");
      c.res.headers.set("x-request-id", `slow-${seen.middleware}`);
      if (setCookie) c.res.headers.append("set-cookie", "seen=1");
    }],
    personal: (ctx: FreshContext) => (ctx.state as { who?: string }).who !== undefined,
    fastPath: {
      anonymous: (req) => !/who=/.test(req.headers.get("cookie") ?? ""),
      perRequestHeaders: ["x-request-id"],
      stamp(_req, res) {
        seen.stamps.push({ status: res.status, route: res.route, path: res.path });
        return [["x-request-id", `fast-${seen.stamps.length}`]];
      },
    },
  });
  const get = (path: string, headers: Record<string, string> = {}, method = "GET") =>
    app.request(`http://x${path}`, { headers, method });
  return { get, seen };
}

const headersOf = (res: Response) =>
  [...res.headers].filter(([n]) => n !== "x-request-id" && n !== "date");

Deno.test("a cached page's second anonymous request skips the middleware, same bytes and headers", async () => {
  const { get, seen } = site();
  const first = await get("/");
  const body = await first.text();
  assertEquals(seen.middleware, 1);
  const second = await get("/?utm=x");
  assertEquals(await second.text(), body);
  assertEquals(seen.middleware, 1, "the middleware chain did not run");
  assertEquals(headersOf(second), headersOf(first));
  assertEquals(second.headers.get("x-security"), "on", "headers the chain added are kept");
  assertEquals(second.headers.get("x-request-id"), "fast-1", "per-request headers are fresh");
  assertEquals(seen.stamps, [{ status: 200, route: "/", path: "/" }]);
});

Deno.test("gzip and plain are learned separately; deflate-only clients take the full chain", async () => {
  const { get, seen } = site();
  const gz = { "accept-encoding": "gzip, br" };
  const first = await get("/", gz);
  const bytes = new Uint8Array(await first.arrayBuffer());
  const second = await get("/", gz);
  assertEquals(new Uint8Array(await second.arrayBuffer()), bytes);
  assertEquals(second.headers.get("content-encoding"), "gzip");
  assertEquals(headersOf(second), headersOf(first));
  assertEquals(seen.middleware, 1);
  await (await get("/")).body?.cancel();
  assertEquals(seen.middleware, 2, "the plain variant is not learned yet");
  const deflate = await get("/", { "accept-encoding": "deflate" });
  await deflate.body?.cancel();
  assertEquals(seen.middleware, 3);
});

Deno.test("fast-path revalidation answers 304 to strong and weak ETags; HEAD has no body", async () => {
  const { get, seen } = site();
  const first = await get("/");
  await first.body?.cancel();
  const etag = first.headers.get("etag")!;
  for (const tag of [etag, `W/${etag}`]) {
    const res = await get("/", { "if-none-match": tag });
    assertEquals(res.status, 304, tag);
    assertEquals(res.headers.get("etag"), etag);
    assertEquals(res.headers.get("x-security"), "on");
    assertEquals(await res.text(), "");
  }
  const head = await get("/", {}, "HEAD");
  assertEquals(head.status, 200);
  assertEquals(await head.text(), "");
  assertEquals(headersOf(head), headersOf(first));
  const stale = await get("/", { "if-none-match": '"other"' });
  assertEquals(stale.status, 200);
  await stale.body?.cancel();
  assertEquals(seen.middleware, 1);
  assertEquals(seen.stamps.map((s) => s.status), [304, 304, 200, 200]);
});

Deno.test("signed-in visitors never get the shared copy, before or after it is learned", async () => {
  const { get, seen } = site();
  const ann = await get("/", { cookie: "who=ann" });
  assert((await ann.text()).includes("hello ann"));
  await (await get("/")).body?.cancel();
  const ben = await get("/", { cookie: "other=1; who=ben" });
  const html = await ben.text();
  assert(html.includes("hello ben"), "rendered for them");
  assert(!html.includes("hello visitor"));
  assertEquals(ben.headers.get("cache-control"), "no-store");
  assertEquals(seen.middleware, 3);
});

Deno.test("pages that are not cached, set a cookie or have expired take the full chain", async () => {
  const live = site();
  for (let i = 0; i < 2; i++) await (await live.get("/live")).body?.cancel();
  assertEquals(live.seen.middleware, 2, "a per-request page");
  const cookie = site({ setCookie: true });
  for (let i = 0; i < 2; i++) {
    const res = await cookie.get("/");
    assertEquals(res.headers.get("set-cookie"), "seen=1");
    await res.body?.cancel();
  }
  assertEquals(cookie.seen.middleware, 2, "a response setting a cookie is never replayed");
  const expiring = site({ staticTtlMs: 0 });
  await (await expiring.get("/")).body?.cancel();
  await new Promise((r) => setTimeout(r, 5));
  await (await expiring.get("/")).body?.cancel();
  assertEquals(expiring.seen.middleware, 2, "an expired copy is rendered again in full");
});
