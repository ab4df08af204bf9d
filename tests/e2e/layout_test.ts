/**
 * Every sitemap page and every dashboard view, at a phone's 390 px, a tablet's 768 px and a
 * desktop's 1440 px, in light and dark, in one Chromium against one app: no sideways scrolling,
 * no text drawn over other text, no focus you cannot see, no axe violation. Pages are checked a
 * few at a time in one context per width, scheme and visitor. The DOM is the same in both schemes,
 * so dark mode re-runs only axe's colour rules (contrast) of the axe checks. Screenshots (full
 * pages in light, the first screen in dark) go to `test-artifacts/screens/<width>/<scheme>/`
 * (CI keeps them).
 */
import { assert, assertEquals } from "../support/assert.ts";
import { startTestApp, type TestApp } from "../support/app.ts";
import type { BrowserContext } from "playwright-core";
import {
  formatAxeViolations,
  loopbackState,
  openPage,
  runAxe,
  withBrowser,
} from "../support/browser.ts";
import { horizontalOverflow, invisibleFocus, textOverlaps } from "../support/layout.ts";
import { createMember, createToken, type TestMember } from "../support/members.ts";
import { Visitor } from "../support/runs.ts";
import { drainOutbox } from "../../lib/outbox/outbox.ts";
import { DASHBOARD_SECTIONS } from "../../components/dashboard/nav.ts";

const WIDTHS = [390, 768, 1440] as const;
const SCHEMES = ["light", "dark"] as const;
/** A page that does not exist: the friendly 404 page is checked too. */
const NOT_FOUND = "/no-such-page";
/** Pages open at once per context. */
const PARALLEL = 4;
const SCREENS = new URL("../../test-artifacts/screens/", import.meta.url);

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
    ...DASHBOARD_SECTIONS.map((s) => s.path),
    `/runs/${runId}`,
    `/leads/${lead.id}`,
  ].map((v) => base + v);
  return { member, views };
}

/** Runs `job` over `items`, `parallel` at a time. */
async function pool<T>(items: T[], parallel: number, job: (item: T) => Promise<void>) {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await job(item);
    }),
  );
}

/** A screenshot's file name for a path. */
const shotName = (path: string) =>
  path === "/" ? "home" : path.slice(1).replace(/[0-9a-f-]{20,}/, "one").replace(/[^\w-]+/g, "_");

/** Opens `path` in `context` and lists what is wrong with it. */
async function check(
  context: BrowserContext,
  url: string,
  where: string,
  shot: string,
  opts: { status: number; axeTags?: string[]; fullPage: boolean },
): Promise<string[]> {
  const page = await context.newPage();
  try {
    const res = await page.goto(url);
    await page.evaluate(() => document.fonts.ready.then(() => {}));
    await page.screenshot({ path: shot, fullPage: opts.fullPage, type: "jpeg", quality: 70 });
    const problems: string[] = [];
    if (res?.status() !== opts.status) problems.push(`${where}: status ${res?.status()}`);
    const overflow = await horizontalOverflow(page);
    if (overflow > 0) problems.push(`${where}: scrolls sideways by ${overflow} px`);
    for (const o of await textOverlaps(page)) {
      problems.push(`${where}: text overlaps (${o.size}): ${o.a} / ${o.b}`);
    }
    const axe = await runAxe(page, { tags: opts.axeTags });
    if (axe.length) problems.push(`${where}: ${formatAxeViolations(axe)}`);
    for (const el of await invisibleFocus(page)) {
      problems.push(`${where}: no visible focus on ${el}`);
    }
    return problems;
  } finally {
    await page.close();
  }
}

Deno.test("every page and dashboard view fits a phone, a tablet and a desktop, light and dark", async (t) => {
  const app = await startTestApp({ env: { SITE_OPERATORS: "ops@relay.example" } });
  try {
    const pages = await sitemapPaths(app);
    assert(pages.length >= 18, `sitemap lists the pages (${pages.length})`);
    const { member, views } = await seed(app);
    const problems: string[] = [];
    await withBrowser(async (browser) => {
      for (const width of WIDTHS) {
        await t.step(`${width} px`, async () => {
          for (const scheme of SCHEMES) {
            const dir = new URL(`${width}/${scheme}/`, SCREENS);
            await Deno.mkdir(dir, { recursive: true });
            const context = (signedIn: boolean) =>
              browser.newContext({
                viewport: { width, height: 844 },
                colorScheme: scheme,
                // The consent choice is made, so the banner (checked on its own) is gone.
                storageState: loopbackState(
                  { name: "consent", value: "necessary" },
                  ...(signedIn ? [member.cookiePair] : []),
                ),
              });
            const visitor = await context(false);
            const operator = await context(true);
            try {
              await pool([...pages, NOT_FOUND, ...views], PARALLEL, async (path) => {
                const found = await check(
                  path.startsWith("/dashboard/") ? operator : visitor,
                  `${app.url}${path}`,
                  `${path} at ${width} px ${scheme}`,
                  new URL(`${shotName(path)}.jpg`, dir).pathname,
                  {
                    status: path === NOT_FOUND ? 404 : 200,
                    axeTags: scheme === "dark" ? ["cat.color"] : undefined,
                    fullPage: scheme === "light",
                  },
                );
                problems.push(...found);
              });
            } finally {
              await visitor.close();
              await operator.close();
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
              path: new URL(`${width}/light/consent_banner.jpg`, SCREENS).pathname,
              type: "jpeg",
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
