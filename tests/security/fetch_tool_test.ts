/**
 * The lead qualifier's fetch tool against pages served on loopback: loopback is reached only
 * through FETCH_ALLOWLIST (the guard's test allowance), and every bad page (private address,
 * too big, too slow, not HTML, HTTP error, redirect to a private address) is a result with a
 * reason a person can read, never a throw.
 */
import { assert, assertEquals, assertStringIncludes } from "../support/assert.ts";
import { readCompanyPage } from "../../lib/agents/tools/fetch_company_page.ts";
import { htmlToText } from "../../lib/agents/tools/html_text.ts";

const ABOUT = `<!doctype html><html><head><title>Acme Freight &amp; Co — About</title>
<meta name="description" content="Trucking for the Midwest"><style>body{color:red}</style>
<script>var secret = "not text";</script></head><body><h1>About us</h1>
<p>Acme Freight is a logistics company based in Chicago with 300 employees.</p>
<!-- hidden comment --><p>We use Zendesk.</p></body></html>`;

function pages() {
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (req) => {
    const path = new URL(req.url).pathname;
    const html = { "content-type": "text/html; charset=utf-8" };
    if (path === "/about") return new Response(ABOUT, { headers: html });
    if (path === "/moved") {
      return new Response(null, { status: 302, headers: { location: "/about" } });
    }
    if (path === "/to-private") {
      return new Response(null, { status: 302, headers: { location: "http://10.0.0.1/" } });
    }
    if (path === "/big") {
      return new Response("<p>" + "x".repeat(3 * 1024 * 1024), { headers: html });
    }
    if (path === "/slow") {
      await new Promise((r) => setTimeout(r, 1_500));
      return new Response(ABOUT, { headers: html });
    }
    if (path === "/json") return Response.json({ company: "Acme" });
    return new Response("gone", { status: 404, headers: html });
  });
  return { base: `http://127.0.0.1:${server.addr.port}`, close: () => server.shutdown() };
}

const allowed = { fetchAllowlist: ["127.0.0.1"], clamavUrl: undefined };

Deno.test("the fetch tool reads an allowlisted loopback page as text and cites its final URL", async () => {
  const site = pages();
  try {
    const page = await readCompanyPage(`${site.base}/moved`, allowed);
    assert(page.ok, JSON.stringify(page));
    assertEquals(page.url, `${site.base}/about`);
    assertEquals(page.title, "Acme Freight & Co — About");
    assertEquals(page.description, "Trucking for the Midwest");
    assertStringIncludes(page.text, "Acme Freight is a logistics company based in Chicago");
    assertStringIncludes(page.text, "We use Zendesk.");
    assert(!page.text.includes("not text") && !page.text.includes("color:red"), page.text);
    assert(!page.text.includes("hidden comment"), page.text);
  } finally {
    await site.close();
  }
});

Deno.test("bad pages come back with a clear reason, never a throw", async () => {
  const site = pages();
  try {
    const cases: [string, typeof allowed, string, string][] = [
      [`${site.base}/about`, { ...allowed, fetchAllowlist: [] }, "blocked_address", "private"],
      [`${site.base}/to-private`, allowed, "blocked_address", "10.0.0.1"],
      [`${site.base}/big`, allowed, "too_large", "larger than"],
      [`${site.base}/json`, allowed, "not_html", "not a web page"],
      [`${site.base}/missing`, allowed, "http_error", "HTTP 404"],
      ["ftp://example.com/", allowed, "scheme", "http and https"],
    ];
    for (const [url, settings, reason, words] of cases) {
      const page = await readCompanyPage(url, settings);
      assert(!page.ok, `${url} was read`);
      assertEquals(page.reason, reason, url);
      assertStringIncludes(page.message, words);
      assertEquals(page.url, url);
    }
    const slow = await readCompanyPage(`${site.base}/slow`, allowed, { timeoutMs: 300 });
    assert(!slow.ok && slow.reason === "timeout", JSON.stringify(slow));
    assertStringIncludes(slow.message, "too long");
  } finally {
    await site.close();
  }
});

Deno.test("html text: entities decoded, blocks separated, scripts and styles dropped", () => {
  const page = htmlToText(
    "<title>A&#39;s &#x263A;</title><div>One</div><div>Two.</div><noscript>x</noscript>",
  );
  assertEquals(page.title, "A's ☺");
  assertEquals(page.text, "One. Two.");
});
