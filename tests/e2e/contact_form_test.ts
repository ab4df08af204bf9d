import { assertEquals, assertStringIncludes } from "../support/assert.ts";
import { startTestApp } from "../support/app.ts";
import {
  assertNoAxeViolations,
  assertNoConsoleErrors,
  openPage,
  withBrowser,
} from "../support/browser.ts";
import { eventually } from "../support/leads.ts";

Deno.test("the contact form: inline errors and ALTCHA with JavaScript, plain form without", async (t) => {
  const app = await startTestApp({ env: { LEAD_MIN_FILL_SECONDS: "1" } });
  const leadsBy = async (email: string) =>
    await app.services.db.query<{ verification: string; name: string }>(
      "select verification, name from leads where email = $1",
      [email],
    );
  try {
    await withBrowser(async (browser) => {
      await t.step("with JavaScript: inline per-field errors, then a sent lead", async () => {
        const { page, collected, close } = await openPage(browser, `${app.url}/contact`);
        try {
          await page.waitForFunction(() =>
            performance.getEntriesByType("resource").some((e) => e.name.includes("ContactForm"))
          );
          await assertNoAxeViolations(page);
          await page.fill("#lead-email", "nobody@");
          await page.click("button[type=submit]");
          await page.waitForSelector("#lead-name-error:has-text('Please tell us your name.')");
          assertEquals(
            await page.textContent("#lead-email-error"),
            "Please enter an email address like name@company.com.",
          );
          assertEquals(await page.getAttribute("#lead-name", "aria-invalid"), "true");
          assertEquals(await page.evaluate(() => document.activeElement?.id), "lead-name");
          await page.fill("#lead-name", "Katherine Johnson");
          await page.fill("#lead-email", "katherine@nasa.example");
          await page.fill("#lead-message", "We need agents that check orbital calculations.");
          await page.check("#lead-consent");
          await page.click("button[type=submit]");
          await page.waitForSelector("text=Thanks, we have your message.", { timeout: 20_000 });
          await eventually(
            async () => (await leadsBy("katherine@nasa.example")).length === 1,
            10_000,
            "the lead",
          );
          assertEquals((await leadsBy("katherine@nasa.example"))[0].verification, "altcha");
          assertNoConsoleErrors(collected);
        } finally {
          await close();
        }
      });

      await t.step(
        "without JavaScript: the server re-renders errors and keeps the text",
        async () => {
          const { page, close } = await openPage(browser, `${app.url}/contact`, {
            javaScriptEnabled: false,
          });
          try {
            await page.fill("#lead-name", "Dorothy Vaughan");
            await page.fill("#lead-email", "dorothy@");
            await page.fill("#lead-message", "FORTRAN for the whole team, please.");
            await page.check("#lead-consent");
            await new Promise((r) => setTimeout(r, 1100));
            await page.click("button[type=submit]");
            await page.waitForSelector("#lead-email-error:has-text('like name@company.com')");
            assertEquals(await page.inputValue("#lead-name"), "Dorothy Vaughan");
            assertEquals(
              await page.inputValue("#lead-message"),
              "FORTRAN for the whole team, please.",
            );
            await page.fill("#lead-email", "dorothy@nasa.example");
            await page.click("button[type=submit]");
            await page.waitForURL(/\/contact\?sent=1$/);
            assertStringIncludes(
              await page.textContent("main") ?? "",
              "Thanks, we have your message.",
            );
            await eventually(
              async () => (await leadsBy("dorothy@nasa.example")).length === 1,
              10_000,
              "the no-JS lead",
            );
            assertEquals((await leadsBy("dorothy@nasa.example"))[0].verification, "none");
          } finally {
            await close();
          }
        },
      );
    });
  } finally {
    await app.stop();
  }
});
