/**
 * The live activity feed and the dashboard in a real browser: a page viewed on the site and an
 * event recorded by hand reach an open dashboard, whose Visits figure counts exactly those (the
 * dashboard's own views are not visits), the dashboard passes axe and works by keyboard, and
 * with EventSource removed the feed falls back to polling. Waits are generous (a busy machine
 * is slow, not wrong); how fast an event reaches the dashboard is a figure of `deno task bench`.
 */
import { assert, assertEquals } from "../support/assert.ts";
import { startTestApp } from "../support/app.ts";
import {
  assertNoAxeViolations,
  assertNoConsoleErrors,
  loopbackState,
  openPage,
  withBrowser,
} from "../support/browser.ts";
import { createMember } from "../support/members.ts";
import { issueDemoKey } from "../../lib/tracking/demo_key.ts";
import { recordDemoEvent } from "../../lib/tracking/record.ts";

/** How long a wait for something the page should show may take on a busy machine. */
const WAIT = 30_000;

/** The open dashboard's Visits figure and the paths of the page views in its feed. */
function visitsAndViews() {
  const visits = document.querySelector('[data-kpi="visits"] .kpi-today')?.textContent ?? "";
  const views = [...document.querySelectorAll('.feed-list li[data-type="page_view"]')]
    .map((li) => li.textContent ?? "");
  return { visits, views };
}

Deno.test("activity feed and dashboard in the browser", async (t) => {
  const app = await startTestApp();
  try {
    const member = await createMember(app.services, app.url, "olga@ops.example", "Ops Team");
    const consent = { name: "consent", value: "analytics" };
    const storageState = loopbackState(member.cookiePair, consent);
    /** A visitor: analytics consent, not signed in (members' own visits are not traffic). */
    const visitorState = loopbackState(consent);
    const dashboard = `${app.url}/dashboard/${member.workspace.slug}`;
    await withBrowser(async (browser) => {
      await t.step(
        "a page viewed on the site and an event recorded by hand show on the open dashboard",
        async () => {
          const p = await openPage(browser, dashboard, { contextOptions: { storageState } });
          try {
            await p.page.waitForSelector(
              '[data-island="ActivityFeed"] .activity-feed[data-status="live"]',
              { timeout: WAIT },
            );
            const visits = p.page.locator('[data-kpi="visits"] .kpi-today');
            assertEquals(await visits.textContent(), "0");
            const shows = async (count: number, paths: string[]) => {
              const counted = (n: number) =>
                document.querySelector('[data-kpi="visits"] .kpi-today')?.textContent ===
                  String(n) &&
                document.querySelectorAll('.feed-list li[data-type="page_view"]').length === n;
              await p.page.waitForFunction(counted, count, { timeout: WAIT }).catch(async () => {
                const seen = await p.page.evaluate(visitsAndViews);
                throw new Error(`expected Visits ${count}, saw ${JSON.stringify(seen)}`);
              });
              const { views } = await p.page.evaluate(visitsAndViews);
              for (const path of paths) {
                assert(views.some((v) => v.endsWith(path)), `${path} in ${views}`);
              }
            };
            // A visitor's page records its own view (consent given, not signed in).
            const visitor = await openPage(browser, `${app.url}/pricing`, {
              contextOptions: { storageState: visitorState },
            });
            await shows(1, ["/pricing"]);
            const status = await visitor.page.evaluate(() =>
              fetch("/demo/record", {
                method: "POST",
                headers: {
                  "content-type": "application/json",
                  "x-demo-key":
                    document.querySelector<HTMLMetaElement>('meta[name="demo-key"]')?.content ??
                      "",
                },
                body: JSON.stringify({ type: "page_view", path: "/by-hand" }),
              }).then((r) => r.status)
            );
            assertEquals(status, 202);
            await shows(2, ["/pricing", "/by-hand"]);
            await visitor.close();
            assertNoConsoleErrors(p.collected);
          } finally {
            await p.close();
          }
        },
      );

      await t.step(
        "the home page's tracker records a page view that reaches the dashboard",
        async () => {
          const p = await openPage(browser, `${app.url}/`, {
            contextOptions: { storageState: visitorState },
          });
          try {
            await p.page.waitForSelector('#activity-feed .activity-feed[data-status="live"]', {
              timeout: WAIT,
            });
            const d = await openPage(browser, dashboard, { contextOptions: { storageState } });
            try {
              const before = await d.page.locator('.feed-list li[data-type="page_view"]').count();
              await p.page.reload();
              await d.page.waitForFunction(
                (n) => document.querySelectorAll('.feed-list li[data-type="page_view"]').length > n,
                before,
                { timeout: WAIT },
              );
            } finally {
              await d.close();
            }
          } finally {
            await p.close();
          }
        },
      );

      await t.step(
        "offline, the feed says so; back online it shows what it missed, once",
        async () => {
          const p = await openPage(browser, dashboard, { contextOptions: { storageState } });
          try {
            const feed = '[data-island="ActivityFeed"] .activity-feed';
            await p.page.waitForSelector(`${feed}[data-status="live"]`);
            const before = await p.page.$$eval(".feed-list li", (els) => els.length);
            await p.context.setOffline(true);
            await p.page.waitForSelector(`${feed}[data-status="offline"]`);
            assertEquals(
              await p.page.locator(`${feed} [role="status"]`).textContent(),
              "Offline: waiting for the network",
            );
            for (const agent of ["lead-qualifier", "support-triage"]) {
              await recordDemoEvent(app.services, {
                type: "demo_completed",
                agent,
                workspaceId: member.workspace.id,
              });
            }
            await p.context.setOffline(false);
            await p.page.waitForFunction(
              (n) => document.querySelectorAll(".feed-list li").length === n + 2,
              before,
              { timeout: WAIT },
            );
            await p.page.waitForSelector(`${feed}[data-status="live"]`);
            const seqs = await p.page.$$eval(
              ".feed-list li",
              (els) => els.map((e) => Number(e.getAttribute("data-seq"))),
            );
            assertEquals(new Set(seqs).size, seqs.length, "no event twice");
            assertEquals(seqs, [...seqs].sort((x, y) => y - x), "newest first");
            assertEquals(seqs[0] - seqs[seqs.length - 1], seqs.length - 1, "none skipped");
          } finally {
            await p.close();
          }
        },
      );

      await t.step(
        "every dashboard page passes axe and the navigation works by keyboard",
        async () => {
          const p = await openPage(browser, dashboard, { contextOptions: { storageState } });
          try {
            for (const path of ["", "/runs", "/leads", "/usage", "/audit", "/settings"]) {
              await p.page.goto(`${dashboard}${path}`);
              await assertNoAxeViolations(p.page).catch((e) => {
                throw new Error(`${path || "/"}: ${e.message}`);
              });
            }
            await p.page.goto(dashboard);
            const target = p.page.locator('nav[aria-label="Dashboard"] a', { hasText: "Leads" });
            let focused = "";
            for (let i = 0; i < 60 && focused !== "Leads"; i++) {
              await p.page.keyboard.press("Tab");
              focused = await p.page.evaluate(() =>
                document.activeElement?.textContent?.trim() ?? ""
              );
            }
            assertEquals(focused, "Leads", "the section links are reachable with Tab");
            await Promise.all([p.page.waitForURL(/\/leads$/), p.page.keyboard.press("Enter")]);
            assertEquals(await target.getAttribute("aria-current"), "page");
            assertNoConsoleErrors(p.collected);
          } finally {
            await p.close();
          }
        },
      );

      await t.step(
        "with EventSource removed, the feed polls and still shows new events",
        async () => {
          const context = await browser.newContext();
          try {
            await context.addInitScript(() => {
              delete (globalThis as { EventSource?: unknown }).EventSource;
            });
            const page = await context.newPage();
            await page.goto(`${app.url}/`);
            await page.waitForSelector(
              '#activity-feed .activity-feed[data-transport="polling"][data-status="live"]',
            );
            const key = await issueDemoKey(app.services.settings);
            const res = await app.fetch("/demo/record", {
              method: "POST",
              headers: {
                "content-type": "application/json",
                "x-demo-key": key,
                cookie: "consent=analytics",
              },
              body: JSON.stringify({
                type: "demo_completed",
                agent: "support-triage",
                durationMs: 4200,
              }),
            });
            assertEquals(res.status, 202);
            const row = '#activity-feed li[data-type="demo_completed"]:has-text("4.2 s")';
            await page.waitForSelector(row, { timeout: WAIT });
            const text = await page.locator(row).first().textContent();
            assert(text?.includes("support-triage agent · 4.2 s"), text ?? "");
            assertEquals(
              await page.locator('#activity-feed [role="status"]').textContent(),
              "Live (polling)",
            );
          } finally {
            await context.close();
          }
        },
      );
    });
  } finally {
    await app.stop();
  }
});
