import { assert, assertEquals } from "../support/assert.ts";
import { startTestApp } from "../support/app.ts";
import { assertNoConsoleErrors, openPage, withBrowser } from "../support/browser.ts";

async function gzipSize(bytes: Uint8Array): Promise<number> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new CompressionStream("gzip"));
  return (await new Response(stream).arrayBuffer()).byteLength;
}

Deno.test("the home page island hydrates and responds to clicks, with no errors or CSP violations", async () => {
  const app = await startTestApp();
  try {
    await withBrowser(async (browser) => {
      const { page, context, collected, response } = await openPage(browser, `${app.url}/`);
      assertEquals(response?.status(), 200);
      const banner = page.locator(".consent-banner");
      await page.waitForFunction(() =>
        performance.getEntriesByType("resource").some((e) => e.name.includes("/_fresh/js/"))
      );
      await banner.waitFor();
      await page.click(".consent-banner button:has-text('Reject all')");
      await page.waitForFunction(() => !document.querySelector(".consent-banner"));
      const consent = (await context.cookies()).find((c) => c.name === "consent");
      assertEquals(consent?.value, "necessary");
      assertNoConsoleErrors(collected);
    });
  } finally {
    await app.stop();
  }
});

Deno.test("the home page needs under 15 KB of JavaScript (gzip) before it is idle", async () => {
  const app = await startTestApp();
  try {
    await withBrowser(async (browser) => {
      const { page, collected } = await openPage(browser, `${app.url}/`);
      await page.waitForFunction(() =>
        performance.getEntriesByName("fresh:idle-hydration").length > 0
      );
      await page.waitForFunction(() =>
        [...document.querySelectorAll("[data-island]")].every((el) =>
          el.hasAttribute("data-hydrated")
        )
      );
      const { critical, all } = await page.evaluate(() => {
        const idleAt = performance.getEntriesByName("fresh:idle-hydration")[0].startTime;
        const js = performance.getEntriesByType("resource")
          .filter((e) => new URL(e.name).pathname.startsWith("/_fresh/js/"));
        return {
          critical: js.filter((e) => e.startTime < idleAt).map((e) => new URL(e.name).pathname),
          all: js.map((e) => new URL(e.name).pathname),
        };
      });
      const size = async (paths: string[]) => {
        let total = 0;
        for (const path of new Set(paths)) {
          const res = await app.fetch(path);
          assertEquals(res.headers.get("cache-control"), "public, max-age=31536000, immutable");
          total += await gzipSize(new Uint8Array(await res.arrayBuffer()));
        }
        return total;
      };
      const criticalBytes = await size(critical);
      const allBytes = await size(all);
      console.log(
        `home page JavaScript: ${criticalBytes} bytes gzip before idle, ${allBytes} in all`,
      );
      assert(critical.length > 0, "the boot module loads at once");
      assert(criticalBytes < 15 * 1024, `home page JavaScript is ${criticalBytes} bytes gzip`);
      assertNoConsoleErrors(collected);
    });
  } finally {
    await app.stop();
  }
});
