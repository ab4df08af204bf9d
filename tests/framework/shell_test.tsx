/**
 * `_app` shared between pages rendered per request (framework `ShellOptions`): the document is
 * byte for byte what a full render gives, per-request values in the shell are each request's
 * own, and a visitor whose shell is not shareable gets a full render.
 */
import { assertEquals, assertStringIncludes } from "../support/assert.ts";
import {
  createApp,
  type FreshContext,
  type LayoutProps,
  type PageProps,
  type ShellOptions,
  stateOf,
  StaticFiles,
} from "../../lib/framework/mod.ts";

type Who = { who?: string; tag?: string };
const staticFiles = await StaticFiles.load(new URL("../fixtures/static/", import.meta.url));

function Counter({ start }: { start: number }) {
  return <button type="button">{start}</button>;
}

let shellRenders = 0;
const App = ({ Component, meta, url, state }: LayoutProps) => {
  shellRenders++;
  const s = state as unknown as Who;
  return (
    <html>
      <head>
        <title>{meta.title}</title>
        {s.tag && <meta name="tag" content={s.tag} />}
      </head>
      <body>
        <header>{s.who ? `hi ${s.who}` : "sign in"} at {url.pathname}</header>
        <Component />
        <footer>end</footer>
      </body>
    </html>
  );
};

const share: ShellOptions = {
  share(state) {
    const s = state as unknown as Who;
    if (s.who) return null;
    if (!s.tag) return { key: "anon", state, replace: [] };
    return {
      key: "anon|tag",
      state: { ...state, tag: "PLACEHOLDER-TAG" } as never,
      replace: [["PLACEHOLDER-TAG", s.tag]],
    };
  },
};

function site(shell?: ShellOptions) {
  return createApp({
    manifest: {
      baseUrl: import.meta.url,
      islands: { "./islands/Counter.tsx": { default: Counter as never } },
      routes: {
        "./routes/_app.tsx": { default: App },
        "./routes/form.tsx": {
          handler: {
            GET: (ctx: FreshContext) =>
              ctx.render({ n: Number(ctx.url.searchParams.get("n") ?? 1) }, {
                meta: { title: `Form ${ctx.url.searchParams.get("n")}` },
              }),
          },
          default: ({ data }: PageProps<unknown>) => (
            <main>
              <Counter start={(data as { n: number }).n} />
            </main>
          ),
        },
      },
    },
    staticFiles,
    assets: { files: new Map(), boot: "/_fresh/js/boot.js", bootImports: ["/_fresh/js/c.js"] },
    middlewares: [async (c, next) => {
      const s = stateOf(c) as unknown as Who;
      s.who = c.req.header("x-who");
      s.tag = c.req.header("x-tag");
      await next();
    }],
    shell,
  });
}

const full = site();
const shared = site(share);
const html = async (app: ReturnType<typeof site>, path: string, headers = {}) =>
  await (await app.request(`http://x${path}`, { headers })).text();

Deno.test("a shared shell gives the same document as a full render, with each request's values", async () => {
  for (
    const [path, headers] of [
      ["/form?n=1", { "x-tag": "t-1" }],
      ["/form?n=2", { "x-tag": "t-2" }],
      ["/form?n=2", {}],
      ["/form?n=3", { "x-who": "ann", "x-tag": "t-3" }],
    ] as const
  ) {
    assertEquals(await html(shared, path, headers), await html(full, path, headers), path);
  }
  const page = await html(shared, "/form?n=5", { "x-tag": "own-tag" });
  assertStringIncludes(page, '<meta name="tag" content="own-tag">');
  assertStringIncludes(page, '<script type="module" src="/_fresh/js/boot.js">');
  assertStringIncludes(page, 'data-island="Counter" data-props="{&quot;start&quot;:5}"');
});

Deno.test("the shell is rendered once per path, meta and shared state; never shared when personal", async () => {
  const app = site(share);
  shellRenders = 0;
  for (let i = 0; i < 3; i++) await html(app, "/form?n=7", { "x-tag": `t-${i}` });
  assertEquals(shellRenders, 1, "one shell for three requests with the same path and meta");
  await html(app, "/form?n=8", { "x-tag": "t" });
  assertEquals(shellRenders, 2, "other meta, other shell");
  for (const who of ["ann", "ben"]) {
    assertStringIncludes(await html(app, "/form?n=7", { "x-who": who }), `hi ${who}`);
  }
  assertEquals(shellRenders, 4, "signed-in visitors get a full render each time");
});
