/**
 * Every sitemap page and every dashboard view, at a phone's 390 px and a desktop's 1440 px, in
 * one Chromium against one app: no sideways scrolling, no text drawn over other text, no axe
 * violation. Full-page screenshots go to `test-artifacts/screens/<width>/` (CI keeps them).
 */
import { assert, assertEquals } from "../support/assert.ts";
import { startTestApp, type TestApp } from "../support/app.ts";
import { formatAxeViolations, openPage, runAxe, withBrowser } from "../support/browser.ts";
import { horizontalOverflow, textOverlaps } from "../support/layout.ts";
import { createMember, createToken, type TestMember } from "../support/members.ts";
import { Visitor } from "../support/runs.ts";
import { drainOutbox } from "../../lib/outbox/outbox.ts";

const WIDTHS = [390, 1440] as const;
const SCREENS = new URL("../../test-artifacts/screens/", import.meta.url);

/** A cookie for a browser context's `storageState` on the loopback app. */
function browserCookie(name: string, value: string) {
  return {
    name,
    value,
    domain: "127.0.0.1",
    path: "/",
    expires: -1,
    httpOnly: false,
    secure: false,
    sameSite: "Lax" as const,
  };
}

async function sitemapPaths(app: TestApp): Promise<string[]> {
  const xml = await (await app.fetch("/sitemap.xml")).text();
  return [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]).pathname);
}

/** A workspace with something on every view: a long-winded run, a lead with a note, a token. */
async function seed(app: TestApp): Promise<{ member: TestMember; views: string[] }> {
  const member = await createMember(app.services, app.url, "ops@relay.example", "Relay Ops");
  await createToken(app.services, member);
  const visitor = new Visitor(app);
  const runId = await visitor.start("docs-assistant", {
    question: `How do I rotate secrets? ${"averyveryverylongwordwithoutanyspaces".repeat(6)}`,
  });
  await visitor.stream(runId);
  const [lead] = await app.services.db.query<{ id: string }>(
    `insert into leads (tenant_id, idempotency_key, name, email, company, message, source)
     values (null, 'layout-1', 'Grace Hopper', 'grace@navy.example', 'US Navy',
       'We would like to try the support agent on our help centre.', 'contact') returning id`,
  );
  const base = `/dashboard/${member.workspace.slug}`;
  const res = await app.fetch(`${base}/leads/${lead.id}`, {
    method: "POST",
    headers: {
      cookie: member.cookie,
      origin: app.url,
      "content-type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams({ action: "note", body: "Called back; trial starts Monday." }),
    redirect: "manual",
  });
  assertEquals(res.status, 303, "note added");
  await drainOutbox(app.services);
  const views = [
    "",
    "/runs",
    `/runs/${runId}`,
    "/leads",
    `/leads/${lead.id}`,
    "/usage",
    "/audit",
    "/system",
    "/members",
    "/tokens",
    "/settings",
  ].map((v) => base + v);
  return { member, views };
}

Deno.test("every page and dashboard view fits a phone and a desktop", async (t) => {
  const app = await startTestApp({ env: { SITE_OPERATORS: "ops@relay.example" } });
  try {
    const pages = await sitemapPaths(app);
    assert(pages.length >= 18, `sitemap lists the pages (${pages.length})`);
    const { member, views } = await seed(app);
    const problems: string[] = [];
    await withBrowser(async (browser) => {
      for (const width of WIDTHS) {
        await Deno.mkdir(new URL(`${width}/`, SCREENS), { recursive: true });
        await t.step(`${width} px`, async () => {
          for (const path of [...pages, ...views]) {
            const dashboard = path.startsWith("/dashboard/");
            const p = await openPage(browser, `${app.url}${path}`, {
              viewport: { width, height: 844 },
              contextOptions: {
                // The consent choice is made, so the banner (checked on its own) is gone.
                storageState: {
                  cookies: [
                    browserCookie("consent", "necessary"),
                    ...(dashboard
                      ? [browserCookie(member.cookiePair.name, member.cookiePair.value)]
                      : []),
                  ],
                  origins: [],
                },
              },
            });
            try {
              await p.page.waitForLoadState("networkidle", { timeout: 800 }).catch(() => {});
              const name = path === "/"
                ? "home"
                : path.slice(1).replace(/[0-9a-f-]{20,}/, "one").replace(/[^\w-]+/g, "_");
              await p.page.screenshot({
                path: new URL(`${width}/${name}.png`, SCREENS).pathname,
                fullPage: true,
              });
              const where = `${path} at ${width} px`;
              assertEquals(p.response?.status(), 200, where);
              const overflow = await horizontalOverflow(p.page);
              if (overflow > 0) problems.push(`${where}: scrolls sideways by ${overflow} px`);
              for (const o of await textOverlaps(p.page)) {
                problems.push(`${where}: text overlaps (${o.size}): ${o.a} / ${o.b}`);
              }
              const axe = await runAxe(p.page);
              if (axe.length) problems.push(`${where}: ${formatAxeViolations(axe)}`);
            } finally {
              await p.close();
            }
          }
        });
        await t.step(`${width} px: the consent banner is a small bar over no footer`, async () => {
          const p = await openPage(browser, `${app.url}/pricing`, {
            viewport: { width, height: 844 },
          });
          try {
            const banner = p.page.getByRole("region", { name: "Your privacy choices" });
            await banner.waitFor({ timeout: 10_000 });
            await p.page.screenshot({
              path: new URL(`${width}/consent_banner.png`, SCREENS).pathname,
            });
            const box = (await banner.boundingBox())!;
            assert(box.height <= 844 * 0.25, `banner is ${box.height} px tall at ${width} px`);
            await p.page.evaluate(() => scrollTo(0, document.body.scrollHeight));
            const covered = await p.page.evaluate(() =>
              [...document.querySelectorAll(".site-footer a")].filter((a) => {
                const r = a.getBoundingClientRect();
                const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
                return r.bottom > 0 && r.top < innerHeight &&
                  hit !== null && hit.closest(".consent-banner") !== null;
              }).map((a) => a.textContent)
            );
            assertEquals(covered, [], "footer links hidden under the banner");
            await banner.getByRole("button", { name: "Choose" }).click();
            const boxes = await banner.getByRole("checkbox").all();
            assert(boxes.length >= 2, "the optional categories are listed");
            for (const b of boxes) {
              assert(!await b.isChecked(), "nothing is ticked before a choice");
            }
          } finally {
            await p.close();
          }
        });
      }
    });
    assertEquals(problems, [], `\n${problems.join("\n")}`);
  } finally {
    await app.stop();
  }
});
