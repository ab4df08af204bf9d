import { assert, assertEquals, assertStringIncludes } from "../support/assert.ts";
import { startTestApp } from "../support/app.ts";
import { assertNoConsoleErrors, openPage, withBrowser } from "../support/browser.ts";
import { anonymousDemoQuota } from "../../lib/plans.ts";

/** The text a reader sees of Markdown `md` (syntax removed). */
function markdownText(md: string): string {
  return md.replace(/\[([^\]]+)\]\([^)]+\)/g, "$1").replace(/^\s*([-*+]|\d+[.)])\s+/gm, "")
    .replace(/\*\*|`/g, "");
}

function squash(text: string): string {
  return text.replace(/\s+/g, "");
}

Deno.test("the Knowledge page demo streams an answer, survives a reload mid-stream, and says when the quota is used up", async () => {
  const app = await startTestApp({ env: { OFFLINE_CHUNK_DELAY_MS: "60" } });
  try {
    await withBrowser(async (browser) => {
      const { page, collected } = await openPage(browser, `${app.url}/solutions/knowledge`);
      const demo = page.locator("[data-island=LiveDemo]");
      const run = demo.getByRole("button", { name: "Run agent" });
      await run.waitFor();
      await page.waitForFunction(() =>
        !document.querySelector<HTMLButtonElement>("[data-island=LiveDemo] button[type=submit]")
          ?.disabled
      );
      await page.waitForFunction(() =>
        document.querySelector("[data-island=LiveDemo] [data-provider]")?.textContent ===
          "offline engine"
      );
      await demo.getByLabel("Your question").fill("How do I rotate a secret?");
      const clicked = performance.now();
      await run.click();
      await page.waitForFunction(() =>
        (document.querySelector("[data-island=LiveDemo] .demo-output .md")?.textContent ?? "")
          .length > 0
      );
      const firstTokenMs = Math.round(performance.now() - clicked);
      console.log(`click to first token: ${firstTokenMs} ms`);
      await demo.locator(".demo-step[data-state=done]").first().waitFor();
      assertStringIncludes(
        await demo.locator(".demo-step").first().textContent() ?? "",
        "search_docs",
      );
      assertEquals(await demo.locator("[data-provider]").textContent(), "offline engine");

      await page.waitForFunction(() =>
        (document.querySelector("[data-island=LiveDemo] .demo-output .md")?.textContent ?? "")
          .length > 60
      );
      const before = await demo.locator(".demo-output .md").textContent() ?? "";
      assertEquals(await demo.getAttribute("data-status"), null);
      assert(
        await page.locator("[data-island=LiveDemo] .live-demo[data-status=running]").count() === 1,
        "still streaming before the reload",
      );
      await page.reload();
      await page.locator("[data-island=LiveDemo] .live-demo[data-status=succeeded]").waitFor({
        timeout: 30_000,
      });
      const text = await demo.locator(".demo-output .md").textContent() ?? "";
      assert(text.startsWith(before), "the reloaded text continues what was shown before");
      const runId = await page.evaluate(() =>
        performance.getEntriesByType("resource").map((e) => e.name)
          .find((n) => /\/api\/runs\/[0-9a-f]{32}\/stream/.test(n))!.match(/[0-9a-f]{32}/)![0]
      );
      const record = await page.evaluate(async (id) => {
        const res = await fetch(`/api/runs/${id}`);
        return await res.json();
      }, runId);
      assertEquals(record.status, "succeeded");
      assertEquals(squash(text), squash(markdownText(record.output)));
      assertStringIncludes(text, "Sources:");
      assert(
        await demo.locator(".demo-output a[href^='/docs/']").count() > 0,
        "citations link to the docs",
      );
      assertStringIncludes(await demo.locator("[data-tokens]").textContent() ?? "", " in · ");
      assertEquals(await demo.locator("[data-cost]").textContent(), "$0.00");

      const again = performance.now();
      await run.click();
      await page.waitForFunction(() => {
        const root = document.querySelector("[data-island=LiveDemo] .live-demo");
        return root?.getAttribute("data-status") === "running" &&
          (root.querySelector(".demo-output .md")?.textContent ?? "").length > 0;
      });
      console.log(`click to first token, warm: ${Math.round(performance.now() - again)} ms`);
      await page.locator("[data-island=LiveDemo] .live-demo[data-status=succeeded]").waitFor();

      const used = await page.evaluate(async () => {
        const statuses: number[] = [];
        for (let i = 0; i < 12; i++) {
          const res = await fetch("/api/runs", {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ agent: "docs-assistant", input: { question: `Probe ${i}` } }),
          });
          statuses.push(res.status);
          await res.body?.cancel();
        }
        return statuses;
      });
      assert(used.includes(429), `the quota ran out: ${used.join(",")}`);
      await run.click();
      await demo.getByRole("alert").waitFor();
      assertStringIncludes(await demo.getByRole("alert").textContent() ?? "", "Demo quota used up");
      const alertText = await demo.getByRole("alert").textContent() ?? "";
      assertStringIncludes(alertText, `${anonymousDemoQuota.runsPerDay} demo runs`);
      assertNoConsoleErrors(collected, { ignore: [/status of 429/] });
    });
  } finally {
    await app.stop();
  }
});
