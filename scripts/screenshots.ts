/**
 * `deno task screenshots`: renders the product visuals on Home and Solutions from the product
 * itself. Starts the app (in-memory KV and database, offline engine), asks the Knowledge agent
 * a question in the live demo in Chromium, then signs in as the site's operator and captures
 * the dashboard overview and that run's replay. Writes PNGs and their sizes and alt texts to
 * static/screens/ (see lib/product_shots.ts); commit the result.
 */
import { startApp } from "../lib/boot.ts";
import { loadSettings } from "../lib/config.ts";
import { createSession, sessionCookie } from "../lib/auth/session.ts";
import { createWorkspace } from "../lib/auth/workspaces.ts";
import type { Locator } from "playwright-core";
import type { ProductShot, ProductShotName } from "../lib/product_shots.ts";
import { loopbackState, withBrowser } from "../tests/support/browser.ts";

const OUT = new URL("../static/screens/", import.meta.url);
/** Margin kept around a captured element, in CSS pixels. */
const PAD = 16;
const QUESTION = "How do I rotate a secret without signing everyone out?";

const settings = await loadSettings({
  DENO_ENV: "test",
  PORT: "0",
  HOSTNAME: "127.0.0.1",
  KV_PATH: ":memory:",
  DATABASE_URL: "memory://",
  LOG_LEVEL: "error",
  OFFLINE_CHUNK_DELAY_MS: "40",
});
const app = await startApp({ settings, crons: false });
const shots: Partial<Record<ProductShotName, ProductShot>> = {};

try {
  await Deno.mkdir(OUT, { recursive: true });
  const db = app.services.db;
  const [user] = await db.query<{ id: string }>(
    "insert into users (email, name) values ($1, $2) returning id",
    ["ops@relay.example", "Relay Ops"],
  );
  const workspace = await createWorkspace(db, user.id, "Relay Ops");
  const session = await createSession(app.services, { userId: user.id, workspaceId: workspace.id });
  const pair = (await sessionCookie(app.services, new URL(app.url), session)).split(";")[0];
  const eq = pair.indexOf("=");

  await withBrowser(async (browser) => {
    const visitor = await browser.newContext({
      viewport: { width: 1200, height: 900 },
      storageState: loopbackState({ name: "consent", value: "analytics" }),
    });
    const page = await visitor.newPage();
    for (const path of ["/", "/pricing", "/docs/security"]) await page.goto(app.url + path);
    await page.goto(`${app.url}/solutions/knowledge`);
    const demo = page.locator("[data-island=LiveDemo]");
    await page.waitForFunction(() =>
      !document.querySelector<HTMLButtonElement>("[data-island=LiveDemo] button[type=submit]")
        ?.disabled
    );
    await demo.getByLabel("Your question").fill(QUESTION);
    await demo.getByRole("button", { name: "Run agent" }).click();
    await page.locator("[data-island=LiveDemo] .live-demo[data-status=succeeded]")
      .waitFor({ timeout: 60_000 });
    shots.liveDemo = await capture(page.locator("#live-demo"), "live-demo.png", {
      alt: `The Knowledge agent's live demo answering "${QUESTION}": the docs it searched, ` +
        "the streamed answer with links to the docs, and its tokens and cost.",
    });
    await visitor.close();

    const operator = await browser.newContext({
      viewport: { width: 1280, height: 860 },
      storageState: loopbackState(
        { name: "consent", value: "necessary" },
        { name: pair.slice(0, eq), value: pair.slice(eq + 1) },
      ),
    });
    const dash = await operator.newPage();
    const base = `${app.url}/dashboard/${workspace.slug}`;
    await dash.goto(base);
    await dash.waitForSelector('.activity-feed[data-status="live"]');
    shots.dashboard = await capture(dash.locator(".dash-main"), "dashboard-overview.png", {
      alt: "The operator dashboard's overview for the site's workspace: today's visits, demo " +
        "runs, leads and tokens, the live activity feed and the daily charts.",
      maxHeight: 860,
    });
    await dash.goto(`${base}/runs`);
    await dash.locator("table a[href*='/runs/']").first().click();
    const replay = dash.getByRole("region", { name: "Run replay" });
    await dash.waitForFunction(() =>
      !document.querySelector<HTMLButtonElement>(".replay-controls button")?.disabled
    );
    const scrubber = replay.getByRole("slider", { name: "Replay position" });
    const max = Number(await scrubber.getAttribute("max"));
    await scrubber.fill(String(Math.round(max * 0.85)));
    shots.replay = await capture(replay, "run-replay.png", {
      alt: "A demo run replayed on its run page: play, pause and a scrubber, the answer as it " +
        "had streamed at that moment, and the tool steps with their times.",
      maxHeight: 760,
    });
    await operator.close();
  });
  await Deno.writeTextFile(new URL("manifest.json", OUT), JSON.stringify(shots, null, 2) + "\n");
  console.log(Object.values(shots).map((s) => `${s!.src} ${s!.width}x${s!.height}`).join("\n"));
} finally {
  await app.stop();
}

/**
 * Screenshots an element with a margin (cut at `maxHeight`) to static/screens/`file`, with
 * nothing focused; returns its manifest entry.
 */
async function capture(
  target: Locator,
  file: string,
  opts: { alt: string; maxHeight?: number },
): Promise<ProductShot> {
  const page = target.page();
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await target.scrollIntoViewIfNeeded();
  const box = (await target.boundingBox())!;
  const scroll = await page.evaluate(() => scrollY);
  const x = Math.max(0, Math.round(box.x) - PAD);
  const y = Math.max(0, Math.round(box.y + scroll) - PAD);
  const width = Math.round(box.width) + 2 * PAD;
  const height = Math.min(Math.round(box.height) + 2 * PAD, opts.maxHeight ?? Infinity);
  await page.screenshot({
    path: new URL(file, OUT).pathname,
    clip: { x, y, width, height },
    fullPage: true,
  });
  return { src: `/screens/${file}`, width, height, alt: opts.alt };
}
