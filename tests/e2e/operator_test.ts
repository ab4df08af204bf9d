/**
 * The operator's first steps on a fresh instance, in a real browser: sign in with a mailed
 * link (confirm step kept) and land on the dashboard; the header names them on every page,
 * cached ones included, while visitors still get the cached "Sign in" page; the dashboard has
 * its own shell; the first workspace receives the site's leads and demo runs and says so; and
 * the operator's own visits are not counted as traffic.
 */
import { assert, assertEquals, assertNotIncludes } from "../support/assert.ts";
import { startTestApp } from "../support/app.ts";
import { assertNoConsoleErrors, openPage, runAxe, withBrowser } from "../support/browser.ts";
import { Visitor } from "../support/runs.ts";
import { drainOutbox } from "../../lib/outbox/outbox.ts";
import { readAfter } from "../../lib/realtime/event_log.ts";
import { workspaceFeed } from "../../lib/tracking/feeds.ts";

Deno.test("an operator signs in to the dashboard and sees the site's traffic there", async () => {
  const app = await startTestApp();
  try {
    await withBrowser(async (browser) => {
      // A visitor's page is cached before anyone signs in.
      const visitor = await app.fetch("/pricing");
      assertEquals(visitor.status, 200);
      const anonymous = await visitor.text();
      assert(anonymous.includes(">Sign in<"), "visitors see Sign in");

      const email = "owner@relay.example";
      const p = await openPage(browser, `${app.url}/signin`, {
        viewport: { width: 390, height: 844 },
      });
      try {
        await p.page.getByLabel("E-mail address").fill(email);
        await p.page.getByRole("button", { name: "E-mail me a sign-in link" }).click();
        await p.page.getByRole("heading", { name: "Check your e-mail" }).waitFor();
        const outbox = await (await app.fetch("/dev/outbox", {
          headers: { accept: "application/json" },
        })).json();
        const mail = JSON.stringify(outbox.emails.at(-1));
        const link = mail.match(/https?:\/\/[^\s"<>\\]+\/signin\/verify\?token=[A-Za-z0-9_-]+/)![0];
        await p.page.goto(link);
        await p.page.getByRole("button", { name: "Sign in" }).click();
        await p.page.waitForURL(/\/dashboard\/[a-z0-9-]+$/);
        const slug = new URL(p.page.url()).pathname.split("/")[2];

        // The dashboard's own shell: no marketing header or footer, a menu instead of a sidebar.
        assertEquals(await p.page.locator(".site-header, .site-footer").count(), 0);
        const sidebar = p.page.getByRole("navigation", { name: "Dashboard", exact: true });
        assert(!await sidebar.isVisible(), "no sidebar on a phone");
        await p.page.locator(".app-menu summary").click();
        await p.page.getByRole("navigation", { name: "Dashboard menu" })
          .getByRole("link", { name: "Leads" }).waitFor();
        assertEquals(await runAxe(p.page), []);

        // The first workspace is the site's: the overview says so.
        const note = p.page.locator("[data-site-traffic]");
        assert(
          (await note.textContent())!.includes("Site traffic comes here"),
          await note.textContent() ?? "no note",
        );

        // Signed in, every page's header names the account, the cached pages too.
        for (const path of ["/pricing", "/docs/getting-started", "/", "/contact"]) {
          await p.page.goto(`${app.url}${path}`);
          const account = p.page.locator(".site-header .account-user").first();
          assertEquals(await p.page.locator(".nav-desktop").isVisible(), false);
          await p.page.locator(".nav-mobile summary").click();
          const menu = p.page.getByRole("navigation", { name: "Main menu" });
          await menu.getByRole("link", { name: /^Account \(/ }).waitFor();
          assertEquals(await menu.getByRole("link", { name: "Sign in" }).count(), 0, path);
          assertEquals(await account.getAttribute("title"), email);
        }
        // ...and visitors still get the shared copy with "Sign in", never the operator's.
        const again = await (await app.fetch("/pricing")).text();
        assertEquals(again, anonymous);
        assertNotIncludes(again, email);

        // A visitor's lead and demo run reach the first workspace's dashboard.
        const v = new Visitor(app);
        const runId = await v.start("docs-assistant", { question: "How do I rotate secrets?" });
        await v.stream(runId);
        await app.services.db.query(
          `insert into leads (tenant_id, idempotency_key, name, email, source)
           values (null, 'op-1', 'Ada Lovelace', 'ada@example.com', 'contact')`,
        );
        await drainOutbox(app.services);
        await p.page.goto(`${app.url}/dashboard/${slug}/leads`);
        await p.page.getByRole("link", { name: "Ada Lovelace" }).waitFor();
        await p.page.goto(`${app.url}/dashboard/${slug}/runs`);
        await p.page.locator(`a[href$="/runs/${runId}"]`).first().waitFor();

        // The operator's own page views are not site traffic.
        const { id: workspaceId } = (await app.services.db.query<{ id: string }>(
          "select id from tenants where slug = $1",
          [slug],
        ))[0];
        await p.context.addCookies([{
          name: "consent",
          value: "analytics",
          url: app.url,
        }]);
        const recorded = await p.page.evaluate(async () => {
          const res = await fetch("/demo/record", {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ type: "page_view", path: "/pricing" }),
          });
          return { status: res.status, ignored: res.headers.get("x-ignored") };
        });
        assertEquals(recorded, { status: 204, ignored: "signed-in" });
        // A visitor's page view (with consent) is counted, in the same workspace.
        const demoKey = anonymous.match(/<meta name="demo-key" content="([^"]+)"/)![1];
        const visit = await app.fetch("/demo/record", {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "x-demo-key": demoKey,
            cookie: "consent=analytics",
          },
          body: JSON.stringify({ type: "page_view", path: "/solutions" }),
        });
        assertEquals(visit.status, 202);
        const views = (await readAfter<{ path?: string }>(
          app.services.kv,
          workspaceFeed(workspaceId),
          0,
        )).filter((e) => e.type === "page_view").map((e) => e.data.path);
        assertEquals(views, ["/solutions"], "only the visitor's page view is traffic");
        assertNoConsoleErrors(p.collected, { ignore: [/status of 404/] });
      } finally {
        await p.close();
      }
    });
  } finally {
    await app.stop();
  }
});
