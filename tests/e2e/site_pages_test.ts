/**
 * The marketing site in a real browser (one Chromium for the whole file): every public page
 * from the sitemap in light and dark, the pricing switch, docs search, cookie consent with and
 * without GPC, and the mobile menu without JavaScript.
 */
import { assert, assertEquals } from "../support/assert.ts";
import { startTestApp, type TestApp } from "../support/app.ts";
import {
  assertNoAxeViolations,
  assertNoConsoleErrors,
  type OpenedPage,
  openPage,
  withBrowser,
} from "../support/browser.ts";

async function sitemapPaths(app: TestApp): Promise<string[]> {
  const xml = await (await app.fetch("/sitemap.xml")).text();
  return [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]).pathname);
}

/** Lets islands hydrate (their scripts load) without waiting on long-lived streams. */
async function settle(p: OpenedPage) {
  await p.page.waitForLoadState("networkidle", { timeout: 1500 }).catch(() => {});
}

Deno.test("the public site works in the browser", async (t) => {
  const app = await startTestApp();
  try {
    const paths = await sitemapPaths(app);
    assert(paths.length >= 18, `sitemap lists the pages (${paths.length})`);
    await withBrowser(async (browser) => {
      for (const colorScheme of ["light", "dark"] as const) {
        await t.step(
          `every public page and the 404 page pass checks (${colorScheme})`,
          async () => {
            for (const path of [...paths, "/no-such-page"]) {
              const p = await openPage(browser, `${app.url}${path}`, {
                contextOptions: { colorScheme },
              });
              try {
                await settle(p);
                assertEquals(p.response?.status(), path === "/no-such-page" ? 404 : 200, path);
                assertEquals(await p.page.locator("h1").count(), 1, `${path}: one h1`);
                assert((await p.page.title()).length > 5, `${path}: title`);
                const description = await p.page.locator('meta[name="description"]')
                  .getAttribute("content");
                assert(description && description.length > 30, `${path}: meta description`);
                // Dark mode changes only colours: check those there, everything in light.
                const axe = colorScheme === "dark" ? { tags: ["cat.color"] } : {};
                await assertNoAxeViolations(p.page, axe).catch((e) => {
                  throw new Error(`${path} (${colorScheme}): ${e.message}`);
                });
                // The 404 page's own status is logged by Chromium as a failed load.
                assertNoConsoleErrors(p.collected, {
                  ignore: path === "/no-such-page" ? [/status of 404/] : [],
                });
              } finally {
                await p.close();
              }
            }
          },
        );
      }

      await t.step("the pricing switch changes the prices", async () => {
        const p = await openPage(browser, `${app.url}/pricing`);
        try {
          const team = p.page.locator('[data-price="team"]');
          assert((await team.textContent())!.includes("$199"));
          const annual = p.page.getByLabel(/Annual/);
          await annual.waitFor();
          await p.page.waitForFunction(() =>
            !(document.querySelector('input[value="annual"]') as HTMLInputElement).disabled
          );
          await annual.check();
          await p.page.waitForFunction(() =>
            document.querySelector('[data-price="team"]')?.textContent?.includes("$159")
          );
          assert((await p.page.locator('[data-price="starter"]').textContent())!.includes("$39"));
          await p.page.getByLabel("Monthly").check();
          await p.page.waitForFunction(() =>
            document.querySelector('[data-price="team"]')?.textContent?.includes("$199")
          );
          assertNoConsoleErrors(p.collected);
        } finally {
          await p.close();
        }
      });

      await t.step("docs search finds a term and links to its section", async () => {
        const p = await openPage(browser, `${app.url}/docs`);
        try {
          await settle(p);
          await p.page.locator("#docs-q").pressSequentially("idempotency");
          const first = p.page.locator(".search-results a").first();
          await first.waitFor({ timeout: 30_000 });
          const href = await first.getAttribute("href");
          assert(href && /^\/docs\/[\w/-]+#[\w-]+$/.test(href), `links to a section: ${href}`);
          await first.click();
          await p.page.waitForURL((u) => u.pathname + u.hash === href);
          const anchor = decodeURIComponent(href.split("#")[1]);
          const sectionText = await p.page.evaluate((id) => {
            const heading = document.getElementById(id);
            let el = heading?.nextElementSibling;
            let text = heading?.textContent ?? "";
            while (el && !/^H[1-3]$/.test(el.tagName)) {
              text += el.textContent;
              el = el.nextElementSibling;
            }
            return text;
          }, anchor);
          assert(/idempot/i.test(sectionText), `the linked section mentions the term (${href})`);
          assertNoConsoleErrors(p.collected);
        } finally {
          await p.close();
        }
        const noJs = await openPage(browser, `${app.url}/docs`, { javaScriptEnabled: false });
        try {
          await noJs.page.locator("#docs-q").fill("rotate secrets");
          await noJs.page.locator("#docs-q").press("Enter");
          await noJs.page.waitForURL(/\/docs\/search\?q=rotate\+secrets/);
          const link = noJs.page.locator(
            '.search-results a[href="/docs/operations#rotating-a-secret"]',
          );
          assertEquals(await link.count(), 1);
        } finally {
          await noJs.close();
        }
      });

      await t.step(
        "a consent choice survives a reload and can be changed from the footer",
        async () => {
          const p = await openPage(browser, `${app.url}/`);
          try {
            const banner = p.page.getByRole("region", { name: "Your privacy choices" });
            await banner.waitFor({ timeout: 30_000 });
            await banner.getByRole("button", { name: "Choose" }).click();
            await banner.getByLabel(/Analytics/).check();
            await banner.getByRole("button", { name: "Save choices" }).click();
            await banner.waitFor({ state: "detached" });
            const cookie = (await p.context.cookies()).find((c) => c.name === "consent");
            assertEquals(cookie?.value, "analytics.telemetry");
            await p.page.reload();
            await settle(p);
            assertEquals(
              await p.page.locator(".consent-banner").count(),
              0,
              "no banner after reload",
            );
            await p.page.getByRole("link", { name: "Cookie settings" }).click();
            await p.page.waitForURL(/\/cookies#cookie-settings$/);
            await settle(p);
            const analytics = p.page.locator('form input[name="analytics"]');
            assert(await analytics.isChecked(), "the saved choice is shown");
            await analytics.uncheck();
            await p.page.getByRole("button", { name: "Save choices" }).click();
            await p.page.getByRole("status").filter({ hasText: "Saved." }).waitFor();
            await p.page.reload();
            assert(!await p.page.locator('form input[name="analytics"]').isChecked());
            const after = (await p.context.cookies()).find((c) => c.name === "consent");
            assertEquals(after?.value, "telemetry");
            assertNoConsoleErrors(p.collected);
          } finally {
            await p.close();
          }
        },
      );

      await t.step("Global Privacy Control hides the banner and locks analytics off", async () => {
        const p = await openPage(browser, `${app.url}/`, {
          contextOptions: { extraHTTPHeaders: { "Sec-GPC": "1" } },
        });
        try {
          await p.context.addInitScript(() =>
            Object.defineProperty(Navigator.prototype, "globalPrivacyControl", { get: () => true })
          );
          await p.page.reload();
          await settle(p);
          assertEquals(await p.page.locator(".consent-banner").count(), 0, "no banner with GPC");
          const state = await p.page.evaluate(() =>
            (navigator as { globalPrivacyControl?: boolean }).globalPrivacyControl
          );
          assertEquals(state, true);
          await p.page.goto(`${app.url}/cookies`);
          await settle(p);
          assert(
            (await p.page.locator(".notice").textContent())!.includes("Global Privacy Control"),
          );
          const analytics = p.page.locator('form input[name="analytics"]');
          assert(await analytics.isDisabled() && !await analytics.isChecked());
          assertNoConsoleErrors(p.collected);
        } finally {
          await p.close();
        }
      });

      await t.step("the mobile menu works with JavaScript disabled", async () => {
        const p = await openPage(browser, `${app.url}/`, {
          javaScriptEnabled: false,
          viewport: { width: 390, height: 844 },
        });
        try {
          assert(!await p.page.locator(".nav-desktop").isVisible(), "desktop nav hidden");
          const menu = p.page.getByRole("navigation", { name: "Main menu" });
          const pricing = menu.getByRole("link", { name: "Pricing" });
          assert(!await pricing.isVisible(), "menu starts closed");
          await p.page.locator("summary", { hasText: "Menu" }).click();
          assert(await pricing.isVisible(), "menu opens without JavaScript");
          await pricing.click();
          await p.page.waitForURL(/\/pricing$/);
          const current = p.page.locator('.nav-mobile a[href="/pricing"]');
          assertEquals(await current.getAttribute("aria-current"), "page");
          await assertNoAxeViolations(p.page);
        } finally {
          await p.close();
        }
      });
    });
  } finally {
    await app.stop();
  }
});
