/**
 * The run page replays a run in time from its stored events, on a phone and a desktop: Play
 * grows the answer chunk by chunk, Pause stops the clock, and scrubbing to the start hides the
 * steps while scrubbing to the end shows every step and the whole answer. Long content wraps.
 */
import { assert, assertEquals } from "../support/assert.ts";
import { startTestApp } from "../support/app.ts";
import { assertNoConsoleErrors, loopbackState, openPage, withBrowser } from "../support/browser.ts";
import { horizontalOverflow } from "../support/layout.ts";
import { createMember } from "../support/members.ts";
import { streamedText, Visitor } from "../support/runs.ts";

const SCREENS = new URL("../../test-artifacts/screens/", import.meta.url);

Deno.test("the run page replays a run: play, pause and scrub", async (t) => {
  // Slow chunks, so the run (and its replay at 1x) lasts a few seconds.
  const app = await startTestApp({ env: { OFFLINE_CHUNK_DELAY_MS: "150" } });
  try {
    const member = await createMember(app.services, app.url, "ops@relay.example", "Relay Ops");
    const visitor = new Visitor(app);
    const runId = await visitor.start("docs-assistant", {
      question: `How do I rotate secrets? ${"averyveryverylongwordwithoutanyspaces".repeat(6)}`,
    });
    const events = await visitor.stream(runId);
    const answer = streamedText(events);
    assert(answer.length > 200, `a long enough answer (${answer.length} chars)`);
    assert(events.some((e) => e.event === "tool_call"), "the run used a tool");
    const url = `${app.url}/dashboard/${member.workspace.slug}/runs/${runId}`;

    await withBrowser(async (browser) => {
      for (const width of [390, 1440]) {
        await t.step(`${width} px`, async () => {
          await Deno.mkdir(new URL(`${width}/`, SCREENS), { recursive: true });
          const p = await openPage(browser, url, {
            viewport: { width, height: 900 },
            contextOptions: {
              storageState: loopbackState(member.cookiePair),
            },
          });
          try {
            const { page } = p;
            const replay = page.getByRole("region", { name: "Run replay" });
            const shown = replay.locator("[data-replay-answer]");
            const play = replay.getByRole("button", { name: "Play" });
            const scrubber = replay.getByRole("slider", { name: "Replay position" });
            const clock = replay.locator(".replay-clock");
            const steps = replay.getByRole("list", { name: "Run timeline" }).locator("li");
            const text = async () => (await shown.textContent()) ?? "";

            // Rendered at the end: the whole answer and every step, before anything is played.
            await page.waitForFunction(() =>
              !document.querySelector<HTMLButtonElement>(".replay-controls button")?.disabled
            );
            assertEquals(await text(), answer);
            assert(await steps.filter({ hasText: "Tool call" }).count() >= 1, "tool steps");
            assertEquals(await horizontalOverflow(page), 0, "nothing wider than the screen");

            // Play from the start at half speed: the answer grows while the clock runs.
            await replay.getByLabel("Speed").selectOption("0.5");
            await play.click();
            await page.waitForFunction(
              (full) => {
                const n = document.querySelector("[data-replay-answer]")!.textContent!.length;
                return n > 0 && n < full && !document.querySelector(".replay-empty");
              },
              answer.length,
            );
            const early = (await text()).length;
            await page.waitForFunction(
              (n) => document.querySelector("[data-replay-answer]")!.textContent!.length > n,
              early,
            );
            const later = await text();
            assert(later.length > early, "text grows during play");
            assert(answer.startsWith(later), "the replayed text is the answer's beginning");
            await page.screenshot({
              path: new URL(`${width}/run_replay_playing.png`, SCREENS).pathname,
              fullPage: true,
            });

            // Pause: nothing moves any more.
            await replay.getByRole("button", { name: "Pause" }).click();
            const pausedText = await text();
            const pausedClock = await clock.textContent();
            await page.waitForTimeout(700);
            assertEquals(await text(), pausedText, "text stops growing when paused");
            assertEquals(await clock.textContent(), pausedClock, "the clock stops when paused");
            assert(pausedText.length < answer.length, "paused before the end");

            // Scrub to the start: no text, no tool steps yet.
            await scrubber.fill("0");
            await replay.locator(".replay-empty").waitFor();
            assertEquals(await steps.filter({ hasText: "Tool call" }).count(), 0);

            // Scrub to the end: the full answer and every step.
            const max = await scrubber.getAttribute("max");
            await scrubber.fill(max!);
            assertEquals(await text(), answer);
            assert(await steps.filter({ hasText: "Tool call" }).count() >= 1, "tool steps back");
            assertEquals(await page.getByRole("button", { name: "Play" }).count(), 1);
            assertEquals(await horizontalOverflow(page), 0, "nothing wider than the screen");
            await page.screenshot({
              path: new URL(`${width}/run_replay_end.png`, SCREENS).pathname,
              fullPage: true,
            });
            assertNoConsoleErrors(p.collected);
          } finally {
            await p.close();
          }
        });
      }
    });
  } finally {
    await app.stop();
  }
});
