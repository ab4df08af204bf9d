/**
 * The framework checks every response header value before it is written (issue 14 item 1):
 * a value Deno's writer would panic on becomes a 500 with the request id, reported to
 * `onError`, whichever route or middleware produced it; redirects go through one safe helper.
 */
import { assert, assertEquals, assertStringIncludes } from "../support/assert.ts";
import {
  createApp,
  HttpError,
  isSafeHeaderValue,
  type Manifest,
  type PageProps,
  redirect,
  StaticFiles,
  UnsafeHeaderError,
} from "../../lib/framework/mod.ts";

const bad = (value: string) => () => new Response("body", { headers: { "x-note": value } });

const manifest: Manifest = {
  baseUrl: import.meta.url,
  islands: {},
  routes: {
    "./routes/api/del.ts": { handler: bad("a\x7fb") },
    "./routes/api/ctl.ts": { handler: bad("a\x01b") },
    "./routes/api/ok.ts": { handler: bad("tab\tand latin-1 \xe9") },
    "./routes/page.tsx": { handler: bad("a\x1fb") },
    "./routes/api/thrown.ts": {
      handler: () => {
        throw new HttpError(303, "moved", "Moved.", { location: "/x\x08y" });
      },
    },
    "./routes/_500.tsx": {
      default: ({ data }: PageProps<unknown>) => {
        const d = data as { status: number; requestId: string };
        return <h1>Error {d.status} ref {d.requestId}</h1>;
      },
    },
  },
};

const errors: unknown[] = [];
const app = createApp({
  manifest,
  staticFiles: await StaticFiles.load(new URL("../fixtures/static/", import.meta.url)),
  assets: { files: new Map(), boot: null, bootImports: [] },
  middlewares: [async (c, next) => {
    c.set("requestId", "req-guard-1");
    await next();
    c.res.headers.set("x-frame-options", "DENY");
  }, async (_c, next) => {
    await next();
  }],
  onError: (error) => errors.push(error),
});
const get = (path: string, init?: RequestInit) => app.request(`http://x${path}`, init);

Deno.test("a header value with DEL or a control character becomes a JSON 500 with the request id", async () => {
  for (const path of ["/api/del", "/api/ctl", "/api/thrown"]) {
    errors.length = 0;
    const res = await get(path);
    assertEquals(res.status, 500, path);
    assertEquals(res.headers.get("x-note"), null);
    assertEquals(res.headers.get("location"), null);
    assertEquals(res.headers.get("x-frame-options"), "DENY", "security headers carried over");
    const body = await res.json();
    assertEquals(body.error.code, "internal_error");
    assertEquals(body.error.requestId, "req-guard-1");
    assertEquals(errors.length, 1, path);
    assert(errors[0] instanceof UnsafeHeaderError, path);
    for (const [, value] of res.headers) assert(isSafeHeaderValue(value), value);
  }
});

Deno.test("an HTML route with an unsafe header gets the 500 page", async () => {
  const res = await get("/page", { headers: { accept: "text/html" } });
  assertEquals(res.status, 500);
  assertStringIncludes(await res.text(), "Error 500 ref req-guard-1");
});

Deno.test("tabs and Latin-1 text are valid field values and pass through", async () => {
  const res = await get("/api/ok");
  assertEquals(res.status, 200);
  assertEquals(res.headers.get("x-note"), "tab\tand latin-1 \xe9");
  await res.body?.cancel();
});

Deno.test("isSafeHeaderValue follows RFC 9110 field-value and Deno's writer", () => {
  for (let c = 0; c < 0x20; c++) {
    assertEquals(isSafeHeaderValue(`a${String.fromCharCode(c)}b`), c === 9, `0x${c.toString(16)}`);
  }
  assertEquals(isSafeHeaderValue("a\x7fb"), false);
  assertEquals(isSafeHeaderValue("a\ud800b"), false, "lone surrogate");
  assertEquals(isSafeHeaderValue("a\u2028b"), false);
  assertEquals(isSafeHeaderValue('text/html; charset="utf-8", q=0.9 ~!'), true);
});

Deno.test("redirect() sends only safe same-site paths; anything else goes to the fallback", () => {
  const cases: [string, string][] = [
    ["/dashboard?x=1#top", "/dashboard?x=1#top"],
    ["/a/../b", "/b"],
    ["/\x7fx", "/home"],
    ["/\x01x", "/home"],
    ["/x\r\nset-cookie: a=b", "/home"],
    ["//evil.example", "/home"],
    ["/..//evil.example", "/home"],
    ["https://evil.example/", "/home"],
    ["/\ud800", "/%EF%BF%BD"],
    ["/caf\u00e9", "/caf%C3%A9"],
  ];
  for (const [to, location] of cases) {
    const res = redirect(to, { fallback: "/home" });
    assertEquals(res.status, 303, to);
    assertEquals(res.headers.get("location"), location, JSON.stringify(to));
    assertEquals(res.headers.get("cache-control"), "no-store");
  }
  const external = redirect(new URL("https://idp.example/authorize?state=a\x01b"));
  assertEquals(external.headers.get("location"), "https://idp.example/authorize?state=a%01b");
});
