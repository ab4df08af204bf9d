import { assert, assertEquals } from "../support/assert.ts";
import { startTestApp } from "../support/app.ts";
import { assertNoConsoleErrors, openPage, withBrowser } from "../support/browser.ts";
import { setLogSink } from "../../lib/telemetry/log.ts";

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-01$/;

Deno.test("a page's trace reaches its island's requests, their queue jobs and browser error reports", async () => {
  const lines: string[] = [];
  const restore = setLogSink((line) => lines.push(line));
  const app = await startTestApp({ env: { OFFLINE_CHUNK_DELAY_MS: "0", LOG_LEVEL: "info" } });
  const logs = () => lines.map((l) => JSON.parse(l));
  try {
    await withBrowser(async (browser) => {
      const { page, collected } = await openPage(browser, `${app.url}/solutions/knowledge`);
      const fromPage = await page.evaluate(() => {
        const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
        return {
          timing: nav.serverTiming.find((t) => t.name === "traceparent")?.description ?? "",
          meta: document.querySelector('meta[name="traceparent"]')?.getAttribute("content") ?? "",
        };
      });
      assert(TRACEPARENT.test(fromPage.meta), `meta traceparent: ${fromPage.meta}`);
      const traceId = fromPage.timing.match(TRACEPARENT)?.[1];
      assert(traceId, `Server-Timing traceparent: ${fromPage.timing}`);
      const pageLine = logs().find((l) => l.msg === "request" && l.path === "/solutions/knowledge");
      assertEquals(
        pageLine?.traceId,
        traceId,
        "the page names the trace its request was logged in",
      );

      const demo = page.locator("[data-island=LiveDemo]");
      await page.waitForFunction(() =>
        !document.querySelector<HTMLButtonElement>("[data-island=LiveDemo] button[type=submit]")
          ?.disabled
      );
      await demo.getByLabel("Your question").fill("How do I rotate a secret?");
      await demo.getByRole("button", { name: "Run agent" }).click();
      await page.locator("[data-island=LiveDemo] .live-demo[data-status=succeeded]").waitFor({
        timeout: 30_000,
      });
      const create = logs().find((l) => l.msg === "request" && l.route === "/api/runs");
      assertEquals(create?.traceId, traceId, "the island's request joins the page's trace");
      let job: Record<string, unknown> | undefined;
      for (let i = 0; i < 300 && !job; i++) {
        job = logs().find((l) => l.msg === "queue job done" && l.requestId === create.requestId);
        if (!job) await new Promise((r) => setTimeout(r, 100));
      }
      assertEquals(job?.traceId, traceId, "the run's queue job joins it too");

      const status = await page.evaluate(async (traceparent) => {
        const res = await fetch("/api/client-errors", {
          method: "POST",
          headers: { "content-type": "application/json", traceparent },
          body: JSON.stringify({
            kind: "island",
            island: "LiveDemo",
            message: "TypeError: cannot read properties of undefined",
            page: location.pathname,
            traceparent,
          }),
        });
        return res.status;
      }, fromPage.timing);
      assertEquals(status, 204);
      const report = logs().find((l) => l.msg === "client error");
      assertEquals(report?.traceId, traceId, "the error report is logged in the page's trace");
      assertEquals(report?.island, "LiveDemo");
      assertNoConsoleErrors(collected);
    });
  } finally {
    restore();
    await app.stop();
  }
});
