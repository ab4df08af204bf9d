import {
  assert,
  assertEquals,
  assertNotIncludes,
  assertStringIncludes,
} from "../support/assert.ts";
import {
  createApp,
  type FreshContext,
  HttpError,
  type LayoutProps,
  type Manifest,
  type PageProps,
  stateOf,
  StaticFiles,
} from "../../lib/framework/mod.ts";

function Echo({ text }: { text: string }) {
  return <span class="echo">{text}</span>;
}

const trail = (ctx: FreshContext, name: string) => {
  const state = ctx.state as unknown as { trail?: string[] };
  (state.trail ??= []).push(name);
};

const layout = (name: string) => ({ Component }: LayoutProps) => (
  <div data-layout={name}>
    <Component />
  </div>
);

const page = (name: string) => ({ params, state }: PageProps) => (
  <p data-page={name}>
    {JSON.stringify(params)}|{((state as unknown as { trail?: string[] }).trail ?? []).join(">")}
  </p>
);

const DANGEROUS = `</script><script>alert(1)</script><!-- "quoted" & 'single'`;

const manifest: Manifest = {
  baseUrl: import.meta.url,
  islands: { "./islands/Echo.tsx": { default: Echo as never } },
  routes: {
    "./routes/_app.tsx": {
      default: ({ Component, meta }: LayoutProps) => (
        <html>
          <head>
            <title>{meta.title ?? "untitled"}</title>
          </head>
          <body>
            <Component />
          </body>
        </html>
      ),
    },
    "./routes/_layout.tsx": { default: layout("root") },
    "./routes/_middleware.ts": {
      handler: async (ctx: FreshContext) => {
        trail(ctx, "root");
        const res = await ctx.next();
        res.headers.set("x-root-mw", "1");
        return res;
      },
    },
    "./routes/index.tsx": { default: page("home"), meta: { title: "Home" } },
    "./routes/users/new.tsx": { default: page("users-new") },
    "./routes/users/[id].tsx": { default: page("user") },
    "./routes/docs/[...slug].tsx": { default: page("docs") },
    "./routes/(group)/_layout.tsx": { default: layout("group") },
    "./routes/(group)/about.tsx": { default: page("about") },
    "./routes/admin/_middleware.ts": {
      handler: [(ctx: FreshContext) => {
        trail(ctx, "admin");
        if (ctx.url.searchParams.has("deny")) {
          throw new HttpError(403, "forbidden", "Admins only.");
        }
        return ctx.next();
      }],
    },
    "./routes/admin/_layout.tsx": { default: layout("admin") },
    "./routes/admin/index.tsx": { default: page("admin") },
    "./routes/api/items.ts": {
      handler: {
        GET: () => Response.json({ items: [1, 2] }),
        POST: () => Response.json({ created: true }, { status: 201 }),
      },
    },
    "./routes/api/boom.ts": {
      handler: () => {
        throw new Error("database password is hunter2");
      },
    },
    "./routes/boom.tsx": {
      handler: () => {
        throw new Error("database password is hunter2");
      },
    },
    "./routes/island.tsx": {
      default: () => (
        <main>
          <Echo text={DANGEROUS} />
        </main>
      ),
    },
    "./routes/cached.tsx": { default: page("cached"), config: { static: true } },
    "./routes/with-data.tsx": {
      handler: { GET: (ctx: FreshContext) => ctx.render({ n: 7 }, { meta: { title: "Data" } }) },
      default: ({ data }: PageProps<unknown>) => <p>n={(data as { n: number }).n}</p>,
    },
    "./routes/_404.tsx": { default: () => <h1>Lost here</h1> },
    "./routes/_500.tsx": {
      default: ({ data }: PageProps<unknown>) => {
        const d = data as { status: number; message: string; requestId: string };
        return <h1>Error {d.status}: {d.message} ref {d.requestId}</h1>;
      },
    },
  },
};

const staticFiles = await StaticFiles.load(new URL("../fixtures/static/", import.meta.url));
const app = createApp({
  manifest,
  staticFiles,
  assets: {
    files: new Map([["/_fresh/js/boot-abc.js", {
      contents: new TextEncoder().encode("//boot"),
      contentType: "text/javascript; charset=utf-8",
    }]]),
    boot: "/_fresh/js/boot-abc.js",
    bootImports: ["/_fresh/js/chunk-xyz.js"],
  },
  middlewares: [async (c, next) => {
    c.set("requestId", "req-test-1");
    await next();
  }],
});

const get = (path: string, init?: RequestInit) => app.request(`http://x${path}`, init);

Deno.test("static segments win over parameters, parameters over catch-alls", async () => {
  assertStringIncludes(await (await get("/users/new")).text(), 'data-page="users-new"');
  assertStringIncludes(await (await get("/users/42")).text(), "{&quot;id&quot;:&quot;42&quot;}");
  assertStringIncludes(
    await (await get("/docs/guide/setup")).text(),
    "{&quot;slug&quot;:&quot;guide/setup&quot;}",
  );
});

Deno.test("layouts nest inside _app from the root down; groups add layouts, not path", async () => {
  const html = await (await get("/about")).text();
  assert(html.startsWith("<!DOCTYPE html><html>"), html);
  const order = ["<body>", 'data-layout="root"', 'data-layout="group"', 'data-page="about"'];
  const at = order.map((s) => html.indexOf(s));
  assert(at.every((v, i) => v >= 0 && (i === 0 || v > at[i - 1])), html);
  assertNotIncludes(await (await get("/")).text(), 'data-layout="group"');
});

Deno.test("middlewares run root first, only for their folder and below", async () => {
  const admin = await get("/admin");
  assertEquals(admin.headers.get("x-root-mw"), "1");
  assertStringIncludes(await admin.text(), "|root>admin</p>");
  const home = await (await get("/")).text();
  assertStringIncludes(home, "|root</p>");
  const denied = await get("/admin?deny=1", { headers: { accept: "text/html" } });
  assertEquals(denied.status, 403);
  assertStringIncludes(await denied.text(), "Error 403: Admins only.");
});

Deno.test("unknown paths get the 404 page, or JSON under /api", async () => {
  const page = await get("/nowhere");
  assertEquals(page.status, 404);
  assertStringIncludes(await page.text(), "<h1>Lost here</h1>");
  const api = await get("/api/nowhere");
  assertEquals(api.status, 404);
  assertEquals((await api.json()).error.code, "not_found");
});

Deno.test("unsupported methods get 405 with Allow; HEAD follows GET without a body", async () => {
  const post = await get("/", { method: "POST" });
  assertEquals(post.status, 405);
  assertEquals(post.headers.get("allow"), "GET, HEAD");
  await post.body?.cancel();
  const del = await get("/api/items", { method: "DELETE" });
  assertEquals(del.status, 405);
  assertEquals(del.headers.get("allow"), "GET, HEAD, POST");
  assertEquals((await del.json()).error.code, "method_not_allowed");
  const head = await get("/api/items", { method: "HEAD" });
  assertEquals(head.status, 200);
  assertEquals(await head.text(), "");
  assertEquals((await get("/api/items", { method: "POST" })).status, 201);
});

Deno.test("errors become a 500 page or JSON with the request id, never internals", async () => {
  const html = await get("/boom", { headers: { accept: "text/html" } });
  assertEquals(html.status, 500);
  const text = await html.text();
  assertStringIncludes(text, "Error 500");
  assertStringIncludes(text, "req-test-1");
  assertNotIncludes(text, "hunter2");
  const api = await get("/api/boom");
  assertEquals(api.status, 500);
  const body = await api.json();
  assertEquals(body.error.code, "internal_error");
  assertEquals(body.error.requestId, "req-test-1");
  assertNotIncludes(JSON.stringify(body), "hunter2");
});

Deno.test("island props are escaped so nothing breaks out, and round-trip as JSON", async () => {
  const html = await (await get("/island")).text();
  assertNotIncludes(html, "<script>alert(1)");
  assertNotIncludes(html, "<!-- ");
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  assertEquals(scripts, ['<script type="module" src="/_fresh/js/boot-abc.js">']);
  assertStringIncludes(html, '<link rel="modulepreload" href="/_fresh/js/chunk-xyz.js">');
  const attr = html.match(/data-props="([^"]*)"/)![1];
  const decoded = attr.replaceAll("&quot;", '"').replaceAll("&lt;", "<").replaceAll("&gt;", ">")
    .replaceAll("&#39;", "'").replaceAll("&amp;", "&");
  assertEquals(JSON.parse(decoded), { text: DANGEROUS });
  assertStringIncludes(html, 'data-island="Echo"');
});

Deno.test("pages without islands ship no JavaScript", async () => {
  const html = await (await get("/about")).text();
  assertNotIncludes(html, "<script");
  assertNotIncludes(html, "modulepreload");
});

Deno.test("handlers pass data and meta to the page", async () => {
  const html = await (await get("/with-data")).text();
  assertStringIncludes(html, "<title>Data</title>");
  assertStringIncludes(html, "<p>n=7</p>");
});

Deno.test("static pages are rendered once and revalidate by ETag", async () => {
  const first = await get("/cached");
  const etag = first.headers.get("etag")!;
  assert(etag, "etag set");
  await first.body?.cancel();
  const again = await get("/cached", { headers: { "if-none-match": etag } });
  assertEquals(again.status, 304);
});

Deno.test("static files have ETags, answer 304, and refuse traversal", async () => {
  const res = await get("/hello.txt");
  assertEquals(await res.text(), "hello static\n");
  const etag = res.headers.get("etag")!;
  assertEquals((await get("/hello.txt", { headers: { "if-none-match": etag } })).status, 304);
  assertEquals(await (await get("/sub/n.txt")).text(), "nested\n");
  for (const path of ["/../secret.txt", "/%2e%2e/secret.txt", "/sub/..%2f..%2fsecret.txt"]) {
    const r = await get(path);
    assertEquals(r.status, 404, path);
    assertNotIncludes(await r.text(), "secret\n");
  }
  const asset = await get("/_fresh/js/boot-abc.js");
  assertEquals(asset.headers.get("cache-control"), "public, max-age=31536000, immutable");
  await asset.body?.cancel();
});

Deno.test("static pages are rendered again once their TTL has passed", async () => {
  let renders = 0;
  const counted = () => <p>render {++renders}</p>;
  const make = (staticTtlMs: number) =>
    createApp({
      manifest: {
        baseUrl: import.meta.url,
        islands: {},
        routes: { "./routes/index.tsx": { default: counted, config: { static: true } } },
      },
      staticFiles,
      assets: { files: new Map(), boot: null, bootImports: [] },
      staticTtlMs,
    });
  const forever = make(Infinity);
  const first = await (await forever.request("http://x/")).text();
  assertEquals(await (await forever.request("http://x/")).text(), first);
  const expiring = make(0);
  const a = await (await expiring.request("http://x/")).text();
  await new Promise((r) => setTimeout(r, 5));
  const b = await (await expiring.request("http://x/")).text();
  assert(a !== b, "re-rendered after the TTL");
});

Deno.test("personal requests get static pages rendered afresh, never the shared copy", async () => {
  const page = ({ state }: { state: { who?: string } }) => <p>hello {state.who ?? "visitor"}</p>;
  const app = createApp({
    manifest: {
      baseUrl: import.meta.url,
      islands: {},
      routes: { "./routes/index.tsx": { default: page, config: { static: true } } },
    },
    staticFiles,
    assets: { files: new Map(), boot: null, bootImports: [] },
    middlewares: [async (c, next) => {
      const who = c.req.header("x-who");
      if (who) (stateOf(c) as { who?: string }).who = who;
      await next();
    }],
    personal: (ctx) => (ctx.state as { who?: string }).who !== undefined,
  });
  const ann = await app.request("http://x/", { headers: { "x-who": "ann" } });
  assertEquals(ann.headers.get("cache-control"), "no-store");
  assert((await ann.text()).includes("hello ann"));
  const visitor = await app.request("http://x/");
  assert(visitor.headers.get("etag"), "visitors get the cached copy");
  assert((await visitor.text()).includes("hello visitor"), "no one's page is cached for others");
  const ben = await (await app.request("http://x/", { headers: { "x-who": "ben" } })).text();
  assert(ben.includes("hello ben"), "members never get the shared copy");
});

Deno.test("a static page's GET handler runs only when the page is rendered again", async () => {
  let loads = 0;
  const make = (staticTtlMs: number, status = 200) =>
    createApp({
      manifest: {
        baseUrl: import.meta.url,
        islands: {},
        routes: {
          "./routes/index.tsx": {
            handler: { GET: (ctx: FreshContext) => ctx.render({ n: ++loads }, { status }) },
            default: ({ data }: PageProps<unknown>) => <p>load {(data as { n: number }).n}</p>,
            config: { static: true },
          },
        },
      },
      staticFiles,
      assets: { files: new Map(), boot: null, bootImports: [] },
      staticTtlMs,
    });
  const cached = make(Infinity);
  assertStringIncludes(await (await cached.request("http://x/")).text(), "load 1");
  assertStringIncludes(await (await cached.request("http://x/")).text(), "load 1");
  assertEquals(loads, 1);
  const expiring = make(0);
  await (await expiring.request("http://x/")).text();
  await new Promise((r) => setTimeout(r, 5));
  assertStringIncludes(await (await expiring.request("http://x/")).text(), "load 3");
  const failing = make(Infinity, 503);
  assertEquals((await failing.request("http://x/")).status, 503);
  assertEquals((await failing.request("http://x/")).status, 503, "an error is not cached");
  assertEquals(loads, 5);
});

Deno.test("static pages are served gzip-compressed once, by content negotiation", async () => {
  const plain = await get("/cached");
  assertEquals(plain.headers.get("content-encoding"), null);
  const text = await plain.text();
  const zipped = await get("/cached", { headers: { "accept-encoding": "gzip, br" } });
  assertEquals(zipped.headers.get("content-encoding"), "gzip");
  assertEquals(zipped.headers.get("vary"), "accept-encoding");
  const bytes = await zipped.arrayBuffer();
  const unzipped = await new Response(
    new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip")),
  ).text();
  assertEquals(unzipped, text);
  const etag = zipped.headers.get("etag")!;
  assert(etag !== plain.headers.get("etag"), "each representation has its own ETag");
  const again = await get("/cached", {
    headers: { "accept-encoding": "gzip", "if-none-match": etag },
  });
  assertEquals(again.status, 304);
});
