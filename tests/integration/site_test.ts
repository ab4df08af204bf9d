import { assert, assertEquals, assertStringIncludes } from "../support/assert.ts";
import { startTestApp, type TestApp } from "../support/app.ts";
import { isPrivatePath } from "../../lib/sitemap.ts";

const PUBLIC_URL = "https://relay.example.com";

/** Public pages this issue builds; the sitemap must list each. */
const EXPECTED_PUBLIC = [
  "/",
  "/solutions",
  "/solutions/sales",
  "/solutions/support",
  "/solutions/knowledge",
  "/pricing",
  "/platform",
  "/docs",
  "/docs/getting-started",
  "/docs/running-locally",
  "/docs/configuration",
  "/docs/demo-feed-api",
  "/docs/runs-api",
  "/docs/deployment",
  "/docs/operations",
  "/privacy",
  "/terms",
  "/cookies",
];

let app: TestApp;
let origin: string;

async function text(path: string, init?: RequestInit) {
  const res = await app.fetch(path, init);
  return { res, body: await res.text() };
}

Deno.test({
  name: "site pages, sitemap, robots, consent form and docs search API",
  async fn(t) {
    app = await startTestApp({ env: { PUBLIC_URL } });
    origin = new URL(app.url).origin;
    try {
      await t.step(
        "sitemap.xml lists every public page, nothing private, each answering 200",
        async () => {
          const { res, body } = await text("/sitemap.xml");
          assertEquals(res.status, 200);
          assertStringIncludes(res.headers.get("content-type")!, "xml");
          const locs = [...body.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
          const paths = locs.map((l) => {
            assert(l.startsWith(`${PUBLIC_URL}/`), `absolute under PUBLIC_URL: ${l}`);
            return new URL(l).pathname;
          });
          for (const p of EXPECTED_PUBLIC) assert(paths.includes(p), `sitemap lists ${p}`);
          for (const p of paths) {
            assert(!isPrivatePath(p), `not private: ${p}`);
            assert(!/^\/(dashboard|dev|api|signin|demo|account|auth)(\/|$)/.test(p), p);
            assert(!["/docs/search", "/consent", "/sitemap.xml", "/robots.txt"].includes(p), p);
          }
          assertEquals(new Set(paths).size, paths.length, "no duplicates");
          for (const p of paths) {
            const r = await app.fetch(p);
            await r.body?.cancel();
            assertEquals(r.status, 200, p);
          }
        },
      );

      await t.step(
        "robots.txt points at the sitemap and keeps crawlers out of private areas",
        async () => {
          const { res, body } = await text("/robots.txt");
          assertEquals(res.status, 200);
          assertStringIncludes(body, `Sitemap: ${PUBLIC_URL}/sitemap.xml`);
          for (const p of ["/api", "/dashboard", "/dev", "/signin"]) {
            assertStringIncludes(body, `Disallow: ${p}\n`);
          }
        },
      );

      await t.step("every page has SEO tags: canonical, Open Graph, Twitter, JSON-LD", async () => {
        const { body } = await text("/pricing");
        const head = body.slice(0, body.indexOf("</head>"));
        for (
          const tag of [
            `<link rel="canonical" href="${PUBLIC_URL}/pricing"`,
            '<meta property="og:title" content="Pricing"',
            `<meta property="og:url" content="${PUBLIC_URL}/pricing"`,
            `<meta property="og:image" content="${PUBLIC_URL}/og-image.jpg"`,
            '<meta name="twitter:card" content="summary_large_image"',
            '<meta name="description" content="',
          ]
        ) assert(head.includes(tag), `head has ${tag}`);
        const blocks = [...body.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/g)]
          .map((m) => JSON.parse(m[1]));
        const graph = blocks.find((b) => b["@graph"])["@graph"];
        assertEquals(graph.map((n: { "@type": string }) => n["@type"]), [
          "Organization",
          "SoftwareApplication",
        ]);
        assertEquals(graph[1].offers.lowPrice, 0);
        assert(blocks.some((b) => b["@type"] === "FAQPage"), "pricing FAQ structured data");
        const og = await app.fetch("/og-image.jpg");
        await og.body?.cancel();
        assertEquals(og.status, 200);
      });

      await t.step("pages are served compressed, with ETags that revalidate", async () => {
        const first = await app.fetch("/pricing", { headers: { "accept-encoding": "gzip" } });
        await first.body?.cancel();
        assertEquals(first.headers.get("content-encoding"), "gzip");
        const etag = first.headers.get("etag");
        assert(etag, "static pages carry an ETag");
        const again = await app.fetch("/pricing", {
          headers: { "if-none-match": etag, "accept-encoding": "gzip" },
        });
        assertEquals(again.status, 304);
        await again.body?.cancel();
        const html = await (await app.fetch("/pricing")).text();
        const css = html.match(/href="(\/styles\.css\?v=[^"]+)"/)![1];
        const sheet = await app.fetch(css, { headers: { "accept-encoding": "gzip" } });
        await sheet.body?.cancel();
        assertEquals(sheet.headers.get("content-encoding"), "gzip");
        assertStringIncludes(sheet.headers.get("cache-control")!, "immutable");
        const revalidated = await app.fetch(css, {
          headers: { "if-none-match": sheet.headers.get("etag")!, "accept-encoding": "gzip" },
        });
        assertEquals(revalidated.status, 304);
        await revalidated.body?.cancel();
      });

      await t.step(
        "pricing shows every plan's monthly and annual prices without JavaScript",
        async () => {
          const { body } = await text("/pricing");
          for (const price of ["$49", "$39", "$199", "$159", "$0", "Custom"]) {
            assertStringIncludes(body, price);
          }
          assertStringIncludes(body, "20,000");
        },
      );

      await t.step(
        "POST /consent stores the choice and redirects back, same-site only",
        async () => {
          const post = (fields: Record<string, string | string[]>, headers: HeadersInit = {}) => {
            const form = new FormData();
            for (const [k, v] of Object.entries(fields)) {
              for (const x of [v].flat()) form.append(k, x);
            }
            return app.fetch("/consent", {
              method: "POST",
              body: form,
              redirect: "manual",
              headers: { origin, ...headers },
            });
          };
          const accept = await post({ choice: "accept", return: "/pricing" });
          assertEquals(accept.status, 303);
          assertEquals(accept.headers.get("location"), "/pricing");
          assertStringIncludes(
            accept.headers.get("set-cookie")!,
            "consent=analytics.telemetry; Path=/",
          );
          const reject = await post({ choice: "reject", return: "//evil.example/x" });
          assertEquals(reject.headers.get("location"), "/cookies");
          assertStringIncludes(reject.headers.get("set-cookie")!, "consent=necessary;");
          const only = await post(
            { choice: "save", only: "telemetry", return: "/privacy" },
            { cookie: "consent=analytics.telemetry" },
          );
          assertStringIncludes(only.headers.get("set-cookie")!, "consent=analytics;");
          const custom = await post({ choice: "save", analytics: "on" });
          assertStringIncludes(custom.headers.get("set-cookie")!, "consent=analytics;");
          const bad = await post({ choice: "maybe" });
          assertEquals(bad.status, 400);
          await bad.body?.cancel();
        },
      );

      await t.step(
        "the cookie settings page shows the stored choice and GPC as a refusal",
        async () => {
          const saved = await text("/cookies", { headers: { cookie: "consent=analytics" } });
          assert(/name="analytics"[^>]*checked/.test(saved.body), "analytics box checked");
          const gpc = await text("/cookies", {
            headers: { cookie: "consent=analytics", "sec-gpc": "1" },
          });
          assertStringIncludes(gpc.body, "Global Privacy Control");
          assert(!/name="analytics"[^>]*checked/.test(gpc.body), "analytics off under GPC");
        },
      );

      await t.step("docs: pages, 404 for unknown slugs, search page and JSON API", async () => {
        const doc = await text("/docs/runs-api");
        assertStringIncludes(doc.body, '<h2 id="start-a-run">');
        assertStringIncludes(doc.body, 'aria-current="page"');
        const missing = await text("/docs/no-such-page");
        assertEquals(missing.res.status, 404);
        const page = await text("/docs/search?q=rotate+secrets");
        assertStringIncludes(page.body, 'href="/docs/operations#rotating-a-secret"');
        const api = await app.fetch("/api/docs/search?q=idempotency&limit=3");
        assertEquals(api.status, 200);
        const json = await api.json();
        assert(
          json.hits.some((h: { url: string }) => h.url === "/docs/runs-api#start-a-run"),
          "the runs API section is among the hits",
        );
        const bad = await app.fetch("/api/docs/search?q=");
        assertEquals(bad.status, 400);
        assertEquals((await bad.json()).error.code, "bad_query");
      });
    } finally {
      await app.stop();
    }
  },
});
