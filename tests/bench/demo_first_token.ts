/**
 * Time to the first demo token on the page, as a visitor sees it: in Chromium, on a solution
 * page with the live demo hydrated, from the click on "Run agent" to the first text of the
 * answer in the page (a MutationObserver timestamp, same clock as the click). The app should
 * run the offline engine (no OPENAI_API_KEY) for the issue 18 figure.
 */
import { withBrowser } from "../support/browser.ts";
import { percentile } from "./load.ts";

/** First-token figures over `runs` runs. */
export interface FirstTokenResult {
  runs: number;
  measured: number;
  p50Ms: number;
  p90Ms: number;
  maxMs: number;
}

const r2 = (n: number) => Math.round(n * 100) / 100;

/** Clicks "Run agent" on `path` `runs` times (a fresh page each) and times the first token. */
export function benchDemoFirstToken(
  baseUrl: string,
  { path = "/solutions/knowledge", runs = 10 } = {},
): Promise<FirstTokenResult> {
  return withBrowser(async (browser) => {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(baseUrl + path, { waitUntil: "load" });
      await page.waitForFunction(() =>
        !document.querySelector<HTMLButtonElement>("[data-island=LiveDemo] button[type=submit]")
          ?.disabled
      );
      await page.evaluate(() => {
        const root = document.querySelector("[data-island=LiveDemo]")!;
        const w = window as unknown as { firstTokenAt?: number; clickedAt?: number };
        root.querySelector("button[type=submit]")!.addEventListener("click", () => {
          w.clickedAt = performance.now();
        }, { capture: true });
        new MutationObserver(() => {
          if (w.firstTokenAt || !w.clickedAt) return;
          const text = [...root.querySelectorAll(".demo-output .md")].map((e) => e.textContent)
            .join("");
          if (text.trim()) w.firstTokenAt = performance.now();
        }).observe(root, { subtree: true, childList: true, characterData: true });
      });
      await page.locator("[data-island=LiveDemo] button[type=submit]").click();
      const ms = await page.waitForFunction(
        () => {
          const w = window as unknown as { firstTokenAt?: number; clickedAt?: number };
          return w.firstTokenAt && w.clickedAt ? w.firstTokenAt - w.clickedAt : 0;
        },
        undefined,
        { timeout: 30_000 },
      ).then((h) => h.jsonValue()).catch(() => NaN);
      if (Number.isFinite(ms)) times.push(ms as number);
      await context.close();
    }
    times.sort((a, b) => a - b);
    return {
      runs,
      measured: times.length,
      p50Ms: r2(percentile(times, 50)),
      p90Ms: r2(percentile(times, 90)),
      maxMs: r2(times.at(-1) ?? NaN),
    };
  });
}
