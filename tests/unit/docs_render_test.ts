import {
  assert,
  assertEquals,
  assertNotIncludes,
  assertStringIncludes,
} from "../support/assert.ts";
import { settingsReference } from "../../lib/config/spec.ts";
import { renderMarkdown, rewriteDocLink } from "../../lib/docs/markdown.ts";
import { buildDocsSite, getDocsSite } from "../../lib/docs/store.ts";

Deno.test("Markdown renders with heading anchors, a TOC, highlighted code and safe HTML", () => {
  const md = "# Title\n\nIntro with [a link](other.md#x) and <script>alert(1)</script>.\n\n" +
    "## Set up `thing`\n\n```ts\nconst a: number = 1;\n```\n\n### Set up `thing`\n\nMore.\n";
  const r = renderMarkdown(md, "guides/start");
  assertEquals(r.title, "Title");
  assertNotIncludes(r.html, "<h1");
  assertStringIncludes(
    r.html,
    '<h2 id="set-up-thing"><a class="heading-anchor" href="#set-up-thing">',
  );
  assertStringIncludes(r.html, 'id="set-up-thing-2"');
  assertEquals(r.toc.map((t) => [t.depth, t.id]), [[2, "set-up-thing"], [3, "set-up-thing-2"]]);
  assertStringIncludes(r.html, '<span class="hljs-keyword">const</span>');
  assertStringIncludes(r.html, 'href="/docs/guides/other#x"');
  assertStringIncludes(r.html, "&lt;script&gt;");
  assertNotIncludes(r.html, "<script>");
  assertEquals(r.sections.map((s) => s.id), ["", "set-up-thing", "set-up-thing-2"]);
  assertStringIncludes(r.sections[1].text, "const a: number = 1;");
});

Deno.test("doc links: relative .md links map to /docs, others are left alone", () => {
  assertEquals(rewriteDocLink("runs-api.md", "getting-started"), "/docs/runs-api");
  assertEquals(rewriteDocLink("../ops.md#logs", "guides/x"), "/docs/ops#logs");
  assertEquals(rewriteDocLink("https://example.com/a.md", "x"), "https://example.com/a.md");
  assertEquals(rewriteDocLink("/pricing", "x"), "/pricing");
  assertEquals(rewriteDocLink("#top", "x"), "#top");
});

Deno.test("sidebar order comes from front matter and tolerates files without it", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const write = (name: string, text: string) => Deno.writeTextFile(`${dir}/${name}`, text);
    await write("b.md", "---\ntitle: Bee\ngroup: Start\norder: 20\n---\n# Bee\n\nText.\n");
    await write("a.md", "---\ntitle: Ay\ngroup: Start\norder: 10\n---\n# Ay\n\nText.\n");
    await write("z.md", "---\ngroup: Ops\norder: 5\n---\n# Zed ops\n\nText.\n");
    await write("loose.md", "# Loose page\n\nNo front matter here.\n");
    await Deno.mkdir(`${dir}/guides`);
    await write("guides/sso.md", "---\ngroup: Start\norder: 15\n---\n# SSO\n\nText.\n");
    const site = await buildDocsSite(new URL(`file://${dir}/`));
    assertEquals(site.pages.map((p) => p.slug), ["z", "a", "guides/sso", "b", "loose"]);
    assertEquals(site.groups.map((g) => g.name), ["Ops", "Start", "More"]);
    assertEquals(site.bySlug.get("loose")!.title, "Loose page");
    assertEquals(site.bySlug.get("loose")!.description, "No front matter here.");
    assertEquals(site.bySlug.get("a")!.prev?.slug, "z");
    assertEquals(site.bySlug.get("a")!.next?.slug, "guides/sso");
    assertEquals(site.pages.at(-1)!.next, null);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("the configuration reference documents every setting in the schema", async () => {
  const page = (await getDocsSite()).bySlug.get("configuration");
  assert(page, "docs/configuration.md exists");
  const text = page.sections.map((s) => s.text).join("\n");
  for (const s of settingsReference) {
    assertStringIncludes(page.html, `<code>${s.name}</code>`, `${s.name} is documented`);
    assertStringIncludes(text, s.description, `${s.name} description`);
    if (s.default !== null) assertStringIncludes(text, s.default, `${s.name} default`);
  }
});

Deno.test("the required docs pages exist with titles, descriptions and one group each", async () => {
  const site = await getDocsSite();
  for (
    const slug of [
      "getting-started",
      "running-locally",
      "configuration",
      "demo-feed-api",
      "runs-api",
      "deployment",
      "operations",
    ]
  ) {
    const page = site.bySlug.get(slug);
    assert(page, `docs/${slug}.md`);
    assert(page.title && page.description && page.group, slug);
  }
});
