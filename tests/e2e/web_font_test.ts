/**
 * The site's self-hosted web font: the static copy is the pinned npm package's file, every page
 * preloads it, the CSP lets it load from the site itself, and text is drawn in it.
 */
import { assert, assertEquals } from "../support/assert.ts";
import { startTestApp } from "../support/app.ts";
import { assertNoConsoleErrors, openPage, withBrowser } from "../support/browser.ts";
import { FONT_FILES } from "../../scripts/fonts.ts";
import { FONT_URL } from "../../components/Head.tsx";

Deno.test("static/fonts holds the npm package's font files, byte for byte", async () => {
  for (const { from, to } of FONT_FILES) {
    assertEquals(await Deno.readFile(to), await Deno.readFile(from), to.pathname);
  }
  const css = await Deno.readTextFile(new URL("../../static/styles.css", import.meta.url));
  assert(css.includes(`url("${FONT_URL}")`), "the @font-face loads the preloaded URL");
  assert(css.includes("font-display: swap"), "text shows in the fallback until the font loads");
});

Deno.test("pages preload the web font and render in it", async () => {
  const app = await startTestApp();
  try {
    const res = await app.fetch("/");
    const html = await res.text();
    assert(html.includes(`<link rel="preload" href="${FONT_URL}" as="font"`), "preload link");
    assert(/font-src 'self'/.test(res.headers.get("content-security-policy") ?? ""), "CSP");
    const font = await app.fetch(FONT_URL);
    assertEquals(font.status, 200);
    assertEquals(font.headers.get("content-type"), "font/woff2");
    await font.body?.cancel();

    await withBrowser(async (browser) => {
      const p = await openPage(browser, `${app.url}/pricing`);
      try {
        const loaded = await p.page.evaluate(async () => {
          await document.fonts.ready;
          return [...document.fonts].filter((f) => f.status === "loaded").map((f) => f.family);
        });
        assert(loaded.some((f) => f.includes("Inter Variable")), `loaded: ${loaded}`);
        const family = await p.page.evaluate(() => getComputedStyle(document.body).fontFamily);
        assert(family.startsWith('"Inter Variable"'), family);
        assertNoConsoleErrors(p.collected);
      } finally {
        await p.close();
      }
    });
  } finally {
    await app.stop();
  }
});
