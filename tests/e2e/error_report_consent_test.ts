/**
 * Browser error reports follow the consent banner: an uncaught error is reported to
 * `/api/client-errors` only when the visitor accepted "Error telemetry", never by default.
 */
import { assertEquals } from "../support/assert.ts";
import { startTestApp } from "../support/app.ts";
import { openPage, withBrowser } from "../support/browser.ts";

Deno.test("an uncaught error is reported only with the visitor's consent to error telemetry", async () => {
  const app = await startTestApp();
  try {
    await withBrowser(async (browser) => {
      for (
        const [consent, expected] of [["", 0], ["necessary", 0], [
          "analytics.telemetry",
          1,
        ]] as const
      ) {
        const { page, close } = await openPage(browser, `${app.url}/contact`);
        const reports: string[] = [];
        page.on("request", (r) => {
          if (new URL(r.url()).pathname === "/api/client-errors") reports.push(r.postData() ?? "");
        });
        await page.evaluate((value) => {
          if (value) document.cookie = `consent=${value}; path=/`;
          setTimeout(() => {
            throw new Error("consent check: thrown on purpose");
          });
        }, consent);
        if (expected) {
          await page.waitForRequest((r) => r.url().endsWith("/api/client-errors"));
        } else {
          await page.waitForTimeout(1500);
        }
        assertEquals(reports.length, expected, `consent "${consent}": ${reports.join()}`);
        await close();
      }
    });
  } finally {
    await app.stop();
  }
});
