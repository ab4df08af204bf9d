/**
 * What a visitor notices first, in a real browser: the "Live on this site" strip invites a
 * first run on a fresh install and, with traffic, lists runs and leads instead of page views;
 * the pricing compare table's headers sit over their columns; the docs search is full width on
 * a phone with results that fit; the 404 text is centred.
 */
import { assert, assertEquals } from "../support/assert.ts";
import { startTestApp } from "../support/app.ts";
import { loopbackState, openPage, withBrowser } from "../support/browser.ts";
import { recordDemoEvent } from "../../lib/tracking/record.ts";
import { horizontalOverflow } from "../support/layout.ts";

const consent = loopbackState({ name: "consent", value: "necessary" });

Deno.test("visitor polish: live strip, compare table, docs search, 404", async (t) => {
  const app = await startTestApp();
  try {
    await withBrowser(async (browser) => {
      const open = (path: string, width = 1440) =>
        openPage(browser, `${app.url}${path}`, {
          viewport: { width, height: 844 },
          contextOptions: { storageState: consent },
        });

      await t.step("a fresh install's strip invites a first run, not an empty box", async () => {
        const p = await open("/");
        try {
          const strip = p.page.locator("#live-activity");
          await strip.locator('.activity-feed[data-status="live"]').waitFor();
          const text = (await strip.textContent())!;
          assert(!text.includes("No activity yet"), text);
          assert(text.includes("Nothing has run here yet"), text);
          assertEquals(await strip.getByRole("link", { name: "Start a demo run" }).count(), 1);
        } finally {
          await p.close();
        }
      });

      await t.step("with traffic it lists runs and leads, not page views", async () => {
        for (let i = 0; i < 12; i++) {
          await recordDemoEvent(app.services, { type: "page_view", path: `/docs/p${i}` });
        }
        await recordDemoEvent(app.services, {
          type: "demo_completed",
          agent: "docs-assistant",
          durationMs: 1200,
          tokens: 310,
        });
        await recordDemoEvent(app.services, { type: "lead_submitted", path: "/contact" });
        const p = await open("/");
        try {
          const list = p.page.getByRole("list", { name: "Recent activity on this site" });
          await list.locator('li[data-type="lead_submitted"]').waitFor();
          const types = await list.locator("li").evaluateAll((els) =>
            els.map((e) => e.getAttribute("data-type"))
          );
          assertEquals(types, ["lead_submitted", "demo_completed"]);
          assert((await list.textContent())!.includes("310 tokens"));
        } finally {
          await p.close();
        }
      });

      for (const width of [390, 1440]) {
        await t.step(`${width} px: compare-table headers sit over their columns`, async () => {
          const p = await open("/pricing", width);
          try {
            const offsets = await p.page.evaluate(() => {
              const table = document.querySelector("table.compare")!;
              const heads = [...table.querySelectorAll("thead th")];
              const row = [...table.querySelectorAll("tbody tr")]
                .find((r) => r.querySelectorAll("td").length === heads.length - 1)!;
              const cells = [row.querySelector("th")!, ...row.querySelectorAll("td")];
              const mid = (el: Element) => {
                const r = el.getBoundingClientRect();
                return { left: r.left, right: r.right };
              };
              const text = (el: Element) => {
                const range = document.createRange();
                range.selectNodeContents(el);
                return range.getBoundingClientRect();
              };
              return heads.map((h, i) => {
                const col = mid(cells[i]);
                const label = text(h);
                const value = text(cells[i]);
                return {
                  name: h.textContent,
                  inColumn: label.left >= col.left - 1 && label.right <= col.right + 1,
                  centreGap: Math.abs(
                    (label.left + label.right) / 2 - (value.left + value.right) / 2,
                  ),
                  first: i === 0,
                };
              });
            });
            for (const o of offsets) {
              assert(o.inColumn, `${o.name} header sits inside its column at ${width} px`);
              if (!o.first) {
                assert(o.centreGap <= 4, `${o.name} header is ${o.centreGap} px off its values`);
              }
            }
          } finally {
            await p.close();
          }
        });
      }

      await t.step("390 px: the docs search is full width and its results fit", async () => {
        const p = await open("/docs", 390);
        try {
          const box = p.page.getByRole("searchbox", { name: "Search the docs" });
          const input = (await box.boundingBox())!;
          const main = (await p.page.locator(".docs").boundingBox())!;
          assert(input.width >= main.width * 0.7, `search box ${input.width} of ${main.width}`);
          assert(input.y < 200, `the search box is at the top (y=${input.y})`);
          await box.fill("secrets");
          const results = p.page.getByRole("list", { name: "Search results" });
          await results.locator("li a").first().waitFor();
          const list = (await results.boundingBox())!;
          assert(list.width >= main.width * 0.9, `results ${list.width} of ${main.width}`);
          assertEquals(await horizontalOverflow(p.page), 0);
        } finally {
          await p.close();
        }
      });

      for (const width of [390, 1440]) {
        await t.step(`${width} px: the 404 page is centred`, async () => {
          const p = await open("/no-such-page", width);
          try {
            assertEquals(p.response?.status(), 404);
            const gaps = await p.page.evaluate(() =>
              [".error-page h1", ".error-page .lead", ".error-page .actions"].map((s) => {
                const el = document.querySelector(s)!;
                const range = document.createRange();
                range.selectNodeContents(el);
                const r = el.matches(".actions")
                  ? [...el.children].reduce(
                    (a, c) => {
                      const b = c.getBoundingClientRect();
                      return { left: Math.min(a.left, b.left), right: Math.max(a.right, b.right) };
                    },
                    { left: Infinity, right: -Infinity },
                  )
                  : range.getBoundingClientRect();
                return { s, off: Math.abs((r.left + r.right) / 2 - innerWidth / 2) };
              })
            );
            for (const g of gaps) assert(g.off <= 12, `${g.s} is ${g.off} px off-centre`);
          } finally {
            await p.close();
          }
        });
      }
    });
  } finally {
    await app.stop();
  }
});
