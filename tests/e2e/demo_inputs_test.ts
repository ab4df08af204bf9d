/**
 * The live demo's inputs in a real Chromium: sample chips that never leak hidden fields into a
 * custom input, uploaded documents (txt, md, csv, pdf) and a company website read on loopback,
 * at 390 px.
 */
import { assert, assertEquals, assertStringIncludes } from "../support/assert.ts";
import { startTestApp } from "../support/app.ts";
import {
  assertNoAxeViolations,
  assertNoConsoleErrors,
  openPage,
  withBrowser,
} from "../support/browser.ts";
import { Buffer } from "node:buffer";
import { textPdf } from "../support/pdf.ts";
import { startCompanySites } from "../support/company_site.ts";

Deno.test("sample chips show the selection and never leak a sample's hidden fields; the demo fits 390 px", async () => {
  const app = await startTestApp();
  try {
    await withBrowser(async (browser) => {
      const { page, collected } = await openPage(browser, `${app.url}/solutions/support`, {
        viewport: { width: 390, height: 844 },
      });
      const demo = page.locator("[data-island=LiveDemo]");
      await page.waitForFunction(() =>
        !document.querySelector<HTMLButtonElement>("[data-island=LiveDemo] button[type=submit]")
          ?.disabled
      );
      const chip = (name: string) => demo.getByRole("button", { name, exact: true });
      await chip("Charged twice").click();
      assertEquals(await chip("Charged twice").getAttribute("aria-pressed"), "true");
      assertEquals(await chip("Stream stops").getAttribute("aria-pressed"), "false");
      await chip("Custom").focus();
      await page.keyboard.press("Enter");
      assertEquals(await chip("Custom").getAttribute("aria-pressed"), "true");
      assertEquals(await demo.getByLabel("Ticket").inputValue(), "");

      await chip("Charged twice").click();
      await demo.getByLabel("Ticket").fill(
        "Our dashboard export has been timing out since this morning and the team needs the report today.",
      );
      assertEquals(await chip("Custom").getAttribute("aria-pressed"), "true");
      assertEquals(await chip("Charged twice").getAttribute("aria-pressed"), "false");
      await demo.getByRole("button", { name: "Run agent" }).click();
      await page.locator("[data-island=LiveDemo] .live-demo[data-status=succeeded]").waitFor({
        timeout: 60_000,
      });
      const answer = await demo.locator(".demo-output").textContent() ?? "";
      assertStringIncludes(answer, "dashboard export");
      assert(!/\bSam\b/.test(answer), `the sample's customer name leaked: ${answer}`);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert(width <= 390, `no horizontal overflow at 390 px: ${width}`);
      assertEquals(
        await page.locator("[data-island=LiveDemo] [role=status]").getAttribute("aria-live"),
        "polite",
      );
      assertNoConsoleErrors(collected);
    });
  } finally {
    await app.stop();
  }
});

Deno.test("the lead qualifier reads uploaded txt, md, csv and pdf documents and shows the website as given", async () => {
  const sites = startCompanySites();
  const app = await startTestApp({ env: { FETCH_ALLOWLIST: "127.0.0.1" } });
  const website = sites.url("/zephyr/about");
  try {
    const bad = await fetch(`${app.url}/api/runs`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        agent: "lead-qualifier",
        input: { text: "A logistics company with 400 employees.", website: "javascript:alert(1)" },
      }),
    });
    assertEquals(bad.status, 400);
    assertEquals((await bad.json()).error.code, "invalid_input");
    await withBrowser(async (browser) => {
      const { page, collected } = await openPage(browser, `${app.url}/solutions/sales`, {
        viewport: { width: 390, height: 844 },
      });
      const demo = page.locator("[data-island=LiveDemo]");
      await page.waitForFunction(() =>
        !document.querySelector<HTMLButtonElement>("[data-island=LiveDemo] button[type=submit]")
          ?.disabled
      );
      await demo.getByRole("button", { name: "Custom", exact: true }).click();
      await demo.getByLabel(/^Document/).setInputFiles({
        name: "huge.txt",
        mimeType: "text/plain",
        buffer: Buffer.alloc(2 * 1024 * 1024 + 1, 97),
      });
      assertStringIncludes(await demo.getByRole("alert").textContent() ?? "", "at most 2 MB");
      await demo.getByLabel("Company website (optional)").fill(website);
      await demo.getByLabel(/^Document/).setInputFiles({
        name: "zephyr.txt",
        mimeType: "text/plain",
        buffer: Buffer.from(
          "Zephyr Tiles is a manufacturing company with 1,200 employees and $90M in annual revenue. Our support team answers 5,000 tickets a month and wants to automate triage.",
        ),
      });
      await demo.getByRole("button", { name: "Run agent" }).click();
      await page.locator("[data-island=LiveDemo] .live-demo[data-status=succeeded]").waitFor({
        timeout: 60_000,
      });
      const extract = demo.locator(".demo-step", { hasText: "extract_firmographics" });
      assertStringIncludes(await extract.textContent() ?? "", "extract_firmographics");
      assertStringIncludes(await extract.textContent() ?? "", "Zephyr Tiles is a manufacturing");
      const answer = await demo.locator(".demo-output").textContent() ?? "";
      assertStringIncludes(answer, `Website: ${website}`);
      await extract.locator("summary").click();
      await extract.locator("summary").press("Enter");
      assertEquals(
        await extract.locator("details").getAttribute("open"),
        null,
        "keyboard closes it",
      );
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert(width <= 390, `long tool arguments wrap at 390 px: ${width}`);
      await extract.locator("summary").press("Enter");
      await assertNoAxeViolations(page, { include: "[data-island=LiveDemo]" });

      const uploads: [string, string, Uint8Array, string, string][] = [
        [
          "harbor.md",
          "text/markdown",
          new TextEncoder().encode(
            "# Harbor Mutual\n\nHarbor Mutual is an **insurance** company in Rotterdam with 650 employees.",
          ),
          "Location: Rotterdam",
          "Employees: 650",
        ],
        [
          "accounts.csv",
          "text/csv",
          new TextEncoder().encode(
            "company,industry,employees,city\nKestrel Health,healthcare,2300,Toronto\n",
          ),
          "Industry: healthcare",
          "Location: Toronto",
        ],
        [
          "brief.pdf",
          "application/pdf",
          textPdf("Orbit Retail is a retail chain in Madrid with 5,400 employees."),
          "Location: Madrid",
          "Employees: 5400",
        ],
      ];
      for (const [name, mimeType, bytes, fact, other] of uploads) {
        await demo.getByRole("button", { name: "Custom", exact: true }).click();
        await demo.getByLabel(/^Document/).setInputFiles({
          name,
          mimeType,
          buffer: Buffer.from(bytes),
        });
        await demo.getByRole("button", { name: "Run agent" }).click();
        await page.waitForFunction(
          (fact) => {
            const run = document.querySelector<HTMLElement>("[data-island=LiveDemo] .live-demo");
            return run?.dataset.status === "succeeded" &&
              (run.querySelector(".demo-output")?.textContent ?? "").includes(fact);
          },
          fact,
          { timeout: 60_000 },
        ).catch(() => {/* the assertions below say what was shown */});
        const read = await demo.locator(".demo-output").textContent() ?? "";
        assertStringIncludes(read, fact, `${name}: ${read}`);
        assertStringIncludes(read, other, `${name}: ${read}`);
      }
      assertNoConsoleErrors(collected);
    });
  } finally {
    await app.stop();
    await sites.close();
  }
});

Deno.test("a lead sample's hidden company never leaks into a custom description", async () => {
  const app = await startTestApp();
  try {
    await withBrowser(async (browser) => {
      const { page, collected } = await openPage(browser, `${app.url}/solutions/sales`);
      const demo = page.locator("[data-island=LiveDemo]");
      await page.waitForFunction(() =>
        !document.querySelector<HTMLButtonElement>("[data-island=LiveDemo] button[type=submit]")
          ?.disabled
      );
      const chip = (name: string) => demo.getByRole("button", { name, exact: true });
      await chip("Local bakery").click();
      assertEquals(await chip("Local bakery").getAttribute("aria-pressed"), "true");
      await demo.getByLabel("Company description").fill(
        "Fjord Robotics builds warehouse robots in Oslo; 120 people work there.",
      );
      assertEquals(await chip("Custom").getAttribute("aria-pressed"), "true");
      await demo.getByRole("button", { name: "Run agent" }).click();
      await page.locator("[data-island=LiveDemo] .live-demo[data-status=succeeded]").waitFor({
        timeout: 60_000,
      });
      const extract = demo.locator(".demo-step", { hasText: "extract_firmographics" });
      assert(!(await extract.textContent() ?? "").includes("Crumb"), "no hidden company argument");
      const answer = await demo.locator(".demo-output").textContent() ?? "";
      assert(!answer.includes("Crumb & Co"), `the sample's company leaked: ${answer}`);
      assertStringIncludes(answer, "Location: Oslo");
      assertNoConsoleErrors(collected);
    });
  } finally {
    await app.stop();
  }
});
