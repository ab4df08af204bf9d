import { h } from "preact";
import { render } from "preact-render-to-string";
import { assert, assertEquals, assertStringIncludes } from "../support/assert.ts";
import { markdown, safeHref, settled } from "../../lib/live_demo/markdown.ts";

const html = (md: string) => render(h("div", null, markdown(md)));

Deno.test("markdown renders paragraphs, bold, code, lists, links, code blocks and tables", () => {
  assertEquals(
    html(
      "Hello **world** and `x < y`.\nNext line\n\n- one\n- [two](/docs/a)\n\n1. first\n2. second",
    ),
    "<div><p>Hello <strong>world</strong> and <code>x &lt; y</code>.<br/>Next line</p>" +
      '<ul><li>one</li><li><a href="/docs/a" rel="nofollow noopener">two</a></li></ul>' +
      "<ol><li>first</li><li>second</li></ol></div>",
  );
  assertEquals(
    html("```sh\ndeno task start\n<b>\n```\n## Title"),
    "<div><pre><code>deno task start\n&lt;b></code></pre><h4>Title</h4></div>",
  );
  assertEquals(
    html("| Plan | Runs |\n|---|--:|\n| Free | **10** |\n| Pro | 1000 |\nAfter"),
    '<div><div class="md-table"><table><thead><tr><th>Plan</th><th>Runs</th></tr></thead>' +
      "<tbody><tr><td>Free</td><td><strong>10</strong></td></tr><tr><td>Pro</td><td>1000</td>" +
      "</tr></tbody></table></div><p>After</p></div>",
  );
});

Deno.test("markdown escapes hostile input and refuses unsafe link targets", () => {
  const out = html(
    '<script>alert(1)</script>\n<img src=x onerror="alert(1)">\n' +
      "[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](data:text/html,x) " +
      "[d](//evil.example/x) [e](/\\evil.example) [f](vbscript:x)\n" +
      '[q](/docs/a"onmouseover="alert(1)) **"><svg onload=alert(1)>** `</code><script>`',
  );
  assert(!out.includes("<script"), out);
  assert(!out.includes("<img"), out);
  assert(!out.includes("<svg"), out);
  assert(!/href="(javascript|data|vbscript|\/\/|\/\\)/i.test(out), out);
  assertEquals((out.match(/<a /g) ?? []).length, 1, "only the site path became a link");
  assertStringIncludes(out, 'href="/docs/a&quot;onmouseover=&quot;alert(1"');
  assertStringIncludes(out, "&lt;script>alert(1)&lt;/script>");
  assertStringIncludes(out, "[a](javascript:alert(1))");
  assertEquals(safeHref("https://relay.example/x?y=1"), "https://relay.example/x?y=1");
  assertEquals(safeHref("#sources"), "#sources");
  assertEquals(safeHref("javascript:alert(1)"), null);
  assertEquals(safeHref(" https://x"), null);
  assertEquals(safeHref("runs-api.md#events"), "runs-api.md#events");
  assertEquals(safeHref("../docs/agents"), "../docs/agents");
  for (
    const bad of [
      "\x01javascript:alert(1)",
      "java\tscript:alert(1)",
      "java\nscript:alert(1)",
      "//evil.example",
      "/\\evil.example",
      "\\\\evil.example",
      "mailto:a@b.c",
      "https:evil.example",
      "data:text/html,<script>alert(1)</script>",
    ]
  ) assertEquals(safeHref(bad), null, JSON.stringify(bad));
});

Deno.test("settled holds back a half-link, half-bold, half-code and a table being written", () => {
  const full = "See [the docs](/docs/run-locally) for **details** and `deno`.";
  for (let n = 0; n <= full.length; n++) {
    const shown = settled(full.slice(0, n), false);
    assert(full.startsWith(shown));
    const out = html(shown);
    assert(!out.includes("[") && !out.includes("**") && !out.includes("`"), `${n}: ${out}`);
  }
  assertEquals(settled("See [the do", false), "See ");
  assertEquals(settled("See [the docs](/docs/x) now", false), "See [the docs](/docs/x) now");
  assertEquals(settled("a [literal", true), "a [literal");
  assertEquals(settled("a [literal\nnext", false), "a [literal\nnext");

  const table = "Intro\n| A | B |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |\n";
  for (let n = 0; n <= table.length; n++) {
    const out = html(settled(table.slice(0, n), false));
    assert(!out.includes("|"), `no raw table text at ${n}: ${out}`);
    const rows = (out.match(/<tr>/g) ?? []).length;
    assert(rows === 0 || out.includes("<thead>"), `${n}: ${out}`);
  }
  assertEquals(settled(table.slice(0, 21), false), "Intro\n");
  assertEquals(
    settled(table.slice(0, table.indexOf("| 1") + 3), false),
    "Intro\n| A | B |\n|---|---|\n",
  );
});

Deno.test("the renderer stays within its size budget (2 KB gzip)", async () => {
  const src = await Deno.readTextFile(new URL("../../lib/live_demo/markdown.ts", import.meta.url));
  const code = src.replace(/\/\*\*[\s\S]*?\*\//g, "").replace(/\n\s*/g, "\n");
  const gz = await new Response(
    new Blob([code]).stream().pipeThrough(new CompressionStream("gzip")),
  ).arrayBuffer();
  assert(gz.byteLength < 2048, `markdown.ts is ${gz.byteLength} bytes gzip without comments`);
});
