/**
 * JavaScript per page, for every page of the sitemap (issue 18), counted two ways:
 * - from the build's import graph, lazy chunks included (tests/bench/js_weight.ts): everything
 *   the page can ever load, each file gzipped (level 6) as the app serves it;
 * - as Chromium loads the page (tests/bench/transfer.ts): what a cold visit fetches.
 * The consent banner and page tracking stay within 2 KB, a page without islands loads nothing
 * else, and every page stays within its budget: 10 KB, or the ceiling noted below for the
 * pages that are not there yet, so they cannot grow unnoticed.
 */
import { assert, assertEquals } from "../support/assert.ts";
import { startTestApp } from "../support/app.ts";
import { benchTransfer, sitemapPages } from "../bench/transfer.ts";
import { benchJsWeight } from "../bench/js_weight.ts";
import { buildIslands } from "../../lib/framework/bundle.ts";
import manifest from "../../fresh.gen.ts";
import config from "../../fresh.config.ts";

const KB = 1024;
/** Consent banner and page tracking (issue 18: 2 KB). */
const CORE_BUDGET = 2 * KB;
/** Any page, everything it can load (issue 18: 10 KB). */
const PAGE_BUDGET = 10 * KB;
/**
 * Pages over 10 KB today, with their ceilings. Preact with its hooks is 5.9 KB of them, the
 * error reporter (loaded only on an error) 1.9 KB, the islands boot module 0.9 KB; then the live
 * demo (6.1 KB: its Markdown renderer, run state, stream and meter), the contact form (3.6 KB)
 * and the dashboard charts.
 */
const OVER_BUDGET: [RegExp, number][] = [
  [/^\/$/, 19 * KB],
  [/^\/solutions\/.+/, 17 * KB],
  [/^\/(contact|pricing)$/, 15.5 * KB],
  [/^\/(docs|cookies|privacy)(\/.*)?$/, 11.5 * KB],
];

Deno.test("every sitemap page stays within its JavaScript budget, lazy chunks included; pages without islands ship only consent and tracking", async () => {
  const app = await startTestApp();
  try {
    const assets = await buildIslands(
      manifest.baseUrl,
      Object.keys(manifest.islands),
      config.islands,
    );
    const pages = await sitemapPages(app.url);
    assert(pages.length >= 18, `the sitemap lists the pages (${pages.length})`);
    const rows = await benchJsWeight(app.url, assets, pages);
    const loaded = new Map((await benchTransfer(app.url, pages)).map((r) => [r.page, r]));
    let plain = 0;
    for (const row of rows) {
      const seen = loaded.get(row.page)!;
      assert(
        row.coreGzipBytes > 0 && row.coreGzipBytes <= CORE_BUDGET,
        `${row.page}: consent and tracking take ${row.coreGzipBytes} bytes gzip`,
      );
      if (row.islands.length === 0) {
        plain++;
        assertEquals(seen.jsFiles, 1, `${row.page} has no island: only the page module loads`);
      }
      const budget = OVER_BUDGET.find(([re]) => re.test(row.page))?.[1] ?? PAGE_BUDGET;
      assert(
        row.totalGzipBytes <= budget,
        `${row.page} can load ${row.totalGzipBytes} bytes of JavaScript gzip (budget ${budget})`,
      );
      assert(
        seen.jsGzipBytes <= row.totalGzipBytes,
        `${row.page}: Chromium loaded ${seen.jsGzipBytes} bytes, more than the build says it can`,
      );
    }
    assert(plain >= 3, `pages without islands are measured (${plain})`);
  } finally {
    await app.stop();
  }
});
