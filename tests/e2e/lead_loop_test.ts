/**
 * The lead loop end to end in a browser: the operator sets a fit threshold on the Settings
 * page; visitors send two leads on /contact with company websites served on loopback; each is
 * qualified by the lead-qualifier agent (reading its site through the fetch guard), shows on
 * the dashboard with its fit (list sorted by fit, lead page with the cited page), and only the
 * one at or above the threshold reaches the Slack-compatible webhook.
 */
import { assert, assertEquals, assertStringIncludes } from "../support/assert.ts";
import { startTestApp } from "../support/app.ts";
import { assertNoConsoleErrors, loopbackState, openPage, withBrowser } from "../support/browser.ts";
import { startCompanySites } from "../support/company_site.ts";
import { eventually } from "../support/leads.ts";
import { createMember } from "../support/members.ts";
import { startReceiver } from "../support/receivers.ts";

const WAIT = 30_000;

Deno.test("a lead sent on /contact is qualified, shown with its fit and routed by threshold", async () => {
  const sites = startCompanySites();
  const slack = startReceiver();
  const app = await startTestApp({
    env: {
      LEAD_MIN_FILL_SECONDS: "1",
      FETCH_ALLOWLIST: "127.0.0.1",
      SLACK_WEBHOOK_URL: `${slack.url}/slack`,
    },
  });
  try {
    const owner = await createMember(app.services, app.url, "owner@relay.example", "Relay");
    const storageState = loopbackState(owner.cookiePair);
    const dashboard = `${app.url}/dashboard/${owner.workspace.slug}`;
    await withBrowser(async (browser) => {
      const operator = await openPage(browser, `${dashboard}/settings`, {
        contextOptions: { storageState },
      });
      const op = operator.page;
      try {
        await op.getByLabel("Minimum fit for Slack and the CRM webhook (0-100)").fill("60");
        await op.getByRole("button", { name: "Save lead routing" }).click();
        await op.getByText("Lead routing saved.").waitFor({ timeout: WAIT });

        for (
          const [name, email, site, message] of [
            ["Nora Wind", "nora@northwind.example", "/northwind", "Tell us about your agents."],
            ["Cora Crumb", "cora@crumb.example", "/crumb", "We would like a nicer website."],
          ]
        ) {
          const visitor = await openPage(browser, `${app.url}/contact`);
          try {
            const v = visitor.page;
            await v.waitForFunction(() =>
              performance.getEntriesByType("resource").some((e) => e.name.includes("ContactForm"))
            );
            await v.fill("#lead-name", name);
            await v.fill("#lead-email", email);
            await v.fill("#lead-companyUrl", sites.url(site));
            await v.fill("#lead-message", message);
            await v.check("#lead-consent");
            await v.click("button[type=submit]");
            await v.waitForSelector("text=Thanks, we have your message.", { timeout: WAIT });
            assertNoConsoleErrors(visitor.collected);
          } finally {
            await visitor.close();
          }
        }
        await eventually(
          async () => {
            const rows = await app.services.db.query(
              "select 1 from leads where qualification_status = 'qualified'",
            );
            return rows.length === 2;
          },
          WAIT,
          "both leads qualified",
        );

        await op.goto(`${dashboard}/leads`);
        await op.getByRole("link", { name: "best fit first" }).click();
        await op.waitForURL(/sort=fit/);
        const rows = op.locator("tbody tr");
        assertEquals(await rows.count(), 2);
        assertEquals(await rows.nth(0).locator("th").textContent(), "Nora Wind");
        assertEquals(await rows.nth(1).locator("th").textContent(), "Cora Crumb");
        const strongFit = Number(await rows.nth(0).locator("[data-fit]").getAttribute("data-fit"));
        const weakFit = Number(await rows.nth(1).locator("[data-fit]").getAttribute("data-fit"));
        assert(strongFit >= 60 && weakFit < 60, `fits ${strongFit} and ${weakFit}`);
        assertStringIncludes(await rows.nth(0).textContent() ?? "", `${strongFit}/100 strong fit`);

        await op.getByRole("link", { name: "Nora Wind" }).click();
        const fit = op.locator("[data-qualification-section]");
        await fit.waitFor();
        assertStringIncludes(await fit.textContent() ?? "", `${strongFit}/100 strong fit`);
        assertStringIncludes(
          await op.locator("[data-fit-reasons] li").first().textContent() ?? "",
          `Read ${sites.url("/northwind")}`,
        );
        assertStringIncludes(
          await op.locator("[data-firmographics]").textContent() ?? "",
          "logistics",
        );
        assertNoConsoleErrors(operator.collected);

        await eventually(
          () => Promise.resolve(slack.received.some((r) => r.body.includes("Nora Wind"))),
          WAIT,
          "the Slack message of the strong fit",
        );
        assertStringIncludes(slack.received[0].body, `fit ${strongFit}/100`);
        await new Promise((r) => setTimeout(r, 500));
        assertEquals(slack.received.filter((r) => r.body.includes("Cora Crumb")).length, 0);
        assertEquals(slack.received.length, 1);
      } finally {
        await operator.close();
      }
    });
  } finally {
    await app.stop();
    await slack.close();
    await sites.close();
  }
});
