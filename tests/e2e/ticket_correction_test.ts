/**
 * Issue 15, in a real browser at phone width (390 px): a ticket sent to the signed webhook is
 * triaged and listed; the operator opens it, corrects its category with the form, and the
 * tickets page's accuracy per category shows the correction; the pages pass axe and fit the
 * screen without sideways scrolling of the page.
 */
import { assert, assertEquals } from "../support/assert.ts";
import { startTestApp } from "../support/app.ts";
import {
  assertNoConsoleErrors,
  loopbackState,
  openPage,
  runAxe,
  withBrowser,
} from "../support/browser.ts";
import { eventually } from "../support/leads.ts";
import { createMember } from "../support/members.ts";
import { createSigningKey, sendTicket } from "../support/tickets.ts";

Deno.test("an operator corrects a ticket's category and sees the accuracy change", async () => {
  const app = await startTestApp();
  try {
    const member = await createMember(app.services, app.url, "ops@acme.example", "Acme");
    const key = await createSigningKey(app, member);
    const sent = await sendTicket(app, member.workspace.slug, key, {
      subject: "How do I run it locally?",
      body: "How do I run the site locally on my laptop? Which command starts it?",
    });
    assertEquals(sent.status, 202);
    const { id } = await sent.json();
    await eventually(
      async () =>
        (await app.services.db.query("select 1 from tickets where id = $1 and status = 'triaged'", [
          id,
        ])).length === 1,
      30_000,
      "the triage",
    );

    const base = `${app.url}/dashboard/${member.workspace.slug}/tickets`;
    const storageState = loopbackState(member.cookiePair);
    await withBrowser(async (browser) => {
      const p = await openPage(browser, base, {
        viewport: { width: 390, height: 844 },
        contextOptions: { storageState },
      });
      try {
        const fits = () =>
          p.page.evaluate(() => document.documentElement.scrollWidth <= globalThis.innerWidth);
        const howTo = p.page.locator('[data-category-stats] tr[data-category="how-to"]');
        assertEquals(
          (await howTo.locator("[data-accuracy]").textContent())?.trim(),
          "not reviewed yet",
        );
        assert(await fits(), "the tickets page fits 390 px");
        assertEquals(await runAxe(p.page), []);

        await p.page.getByRole("link", { name: "How do I run it locally?" }).click();
        await p.page.waitForURL(new RegExp(`/tickets/${id}$`));
        assertEquals((await p.page.locator("[data-category]").textContent())?.trim(), "how-to");
        assert(await fits(), "the ticket page fits 390 px");
        assertEquals(await runAxe(p.page), []);
        await p.page.getByLabel("Correct category").selectOption("account");
        await p.page.getByRole("button", { name: "Save category" }).click();
        await p.page.getByRole("status").filter({ hasText: "Category saved." }).waitFor();
        const shown = (await p.page.locator("[data-category]").textContent()) ?? "";
        assert(shown.includes("account") && shown.includes("(the agent said how-to)"), shown);

        await p.page.getByRole("link", { name: "All tickets" }).click();
        await p.page.waitForURL(/\/tickets$/);
        assertEquals(
          (await howTo.locator("[data-accuracy]").textContent())?.replace(/\s+/g, " ").trim(),
          "0% (0 of 1)",
        );
        const account = p.page.locator('[data-category-stats] tr[data-category="account"]');
        assert((await account.textContent())!.includes("+1 moved in"));
        assertNoConsoleErrors(p.collected);
      } finally {
        await p.close();
      }
    });
  } finally {
    await app.stop();
  }
});
