/**
 * The layout test's own checks (tests/support/layout.ts) catch what they are for: a link whose
 * focus shows nothing, text drawn over text, a page wider than the screen; and pass clean pages.
 */
import { assertEquals } from "../support/assert.ts";
import { withBrowser } from "../support/browser.ts";
import { horizontalOverflow, invisibleFocus, textOverlaps } from "../support/layout.ts";

const HTML = `<!doctype html><html lang="en"><head><title>t</title><style>
  :focus-visible { outline: 2px solid blue; }
  .bare:focus { outline: none; }
  .shadow:focus { outline: none; box-shadow: 0 0 0 3px blue; }
  .pile { position: absolute; top: 200px; left: 10px; }
  .wide { width: 2000px; }
</style></head><body>
  <a href="#a">outlined</a> <a class="bare" href="#b">bare</a> <a class="shadow" href="#c">ring</a>
  <button>button</button>
  <span class="pile">first text here</span><span class="pile">second text here</span>
</body></html>`;

Deno.test("layout checks find invisible focus, overlapping text and sideways scrolling", async () => {
  await withBrowser(async (browser) => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    try {
      const page = await context.newPage();
      await page.setContent(HTML);
      assertEquals(await invisibleFocus(page), ['<a class="bare"> "bare"']);
      const overlaps = await textOverlaps(page);
      assertEquals(overlaps.map((o) => [o.a, o.b]), [[
        '<span class="pile"> "first text here"',
        '<span class="pile"> "second text here"',
      ]]);
      assertEquals(await horizontalOverflow(page), 0);
      await page.evaluate(() => document.body.classList.add("wide"));
      assertEquals(await horizontalOverflow(page), 2000 + 8 - 390, "body margin 8 px");
    } finally {
      await context.close();
    }
  });
});
