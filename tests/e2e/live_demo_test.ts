import { assert, assertEquals, assertStringIncludes } from "../support/assert.ts";
import { startTestApp } from "../support/app.ts";
import { assertNoConsoleErrors, openPage, withBrowser } from "../support/browser.ts";
import { anonymousDemoQuota } from "../../lib/plans.ts";
import { startFakeOpenAi, textChunks, toolCallChunks } from "../support/fake_openai.ts";

/** The text a reader sees of Markdown `md` (syntax removed). */
function markdownText(md: string): string {
  return md.replace(/\[([^\]]+)\]\([^)]+\)/g, "$1").replace(/^\s*([-*+]|\d+[.)])\s+/gm, "")
    .replace(/\*\*|`/g, "");
}

function squash(text: string): string {
  return text.replace(/\s+/g, "");
}

Deno.test("the Knowledge page demo streams an answer, survives a reload mid-stream, and says when the quota is used up", async () => {
  const app = await startTestApp({ env: { OFFLINE_CHUNK_DELAY_MS: "60" } });
  try {
    await withBrowser(async (browser) => {
      const { page, collected } = await openPage(browser, `${app.url}/solutions/knowledge`);
      const demo = page.locator("[data-island=LiveDemo]");
      const run = demo.getByRole("button", { name: "Run agent" });
      await run.waitFor();
      await page.waitForFunction(() =>
        !document.querySelector<HTMLButtonElement>("[data-island=LiveDemo] button[type=submit]")
          ?.disabled
      );
      await page.waitForFunction(() =>
        document.querySelector("[data-island=LiveDemo] [data-provider]")?.textContent ===
          "offline engine"
      );
      const recorded = demo.locator(".demo-recorded");
      assertStringIncludes(await recorded.textContent() ?? "", "Recorded example: Run it locally");
      await demo.getByLabel("Your question").fill("How do I rotate a secret?");
      const clicked = performance.now();
      await run.click();
      await recorded.waitFor({ state: "detached" });
      await page.waitForFunction(() =>
        (document.querySelector("[data-island=LiveDemo] .demo-output .md")?.textContent ?? "")
          .length > 0
      );
      const firstTokenMs = Math.round(performance.now() - clicked);
      console.log(`click to first token: ${firstTokenMs} ms`);
      await demo.locator(".demo-step[data-state=done]").first().waitFor();
      assertStringIncludes(
        await demo.locator(".demo-step").first().textContent() ?? "",
        "search_docs",
      );
      assertEquals(await demo.locator("[data-provider]").textContent(), "offline engine");

      const shown = async () => (await demo.locator(".demo-output .md").allTextContents()).join("");
      await page.waitForFunction(() =>
        [...document.querySelectorAll("[data-island=LiveDemo] .demo-output .md")]
          .map((e) => e.textContent).join("").length > 80
      );
      const before = await shown();
      const meter = await page.evaluate(() => {
        const root = document.querySelector("[data-island=LiveDemo]")!;
        const tokens = root.querySelector("[data-tokens]")!;
        return {
          status: root.querySelector(".live-demo")!.getAttribute("data-status"),
          out: Number(tokens.textContent?.match(/(\d+) out/)?.[1] ?? 0),
          measured: tokens.getAttribute("data-measured"),
        };
      });
      assertEquals([meter.status, meter.measured], ["running", "false"]);
      assert(meter.out > 0, "the meter counts the offline stream before it ends");
      assertEquals(await demo.getAttribute("data-status"), null);
      assert(
        await page.locator("[data-island=LiveDemo] .live-demo[data-status=running]").count() === 1,
        "still streaming before the reload",
      );
      await page.reload();
      await page.locator("[data-island=LiveDemo] .live-demo[data-status=succeeded]").waitFor({
        timeout: 30_000,
      });
      const text = await shown();
      assert(text.startsWith(before), "the reloaded text continues what was shown before");
      assertEquals(
        await demo.locator(".demo-output > *").evaluateAll((els) => els.map((e) => e.className)),
        ["md", "demo-step", "md"],
        "the offline engine's text, its search, then the answer citing it, in that order",
      );
      assertEquals(
        await demo.locator(".demo-output .md").first().textContent(),
        "Let me look that up in the docs.",
      );
      assertStringIncludes(
        await demo.locator(".demo-step").textContent() ?? "",
        '{"query":"How do I rotate a secret?","limit":4}',
      );
      const runId = await page.evaluate(() =>
        performance.getEntriesByType("resource").map((e) => e.name)
          .find((n) => /\/api\/runs\/[0-9a-f]{32}\/stream/.test(n))!.match(/[0-9a-f]{32}/)![0]
      );
      const record = await page.evaluate(async (id) => {
        const res = await fetch(`/api/runs/${id}`);
        return await res.json();
      }, runId);
      assertEquals(record.status, "succeeded");
      assertEquals(squash(text), squash(markdownText(record.output)));
      assertStringIncludes(text, "Sources:");
      assert(
        await demo.locator(".demo-output a[href^='/docs/']").count() > 0,
        "citations link to the docs",
      );
      assertStringIncludes(await demo.locator("[data-tokens]").textContent() ?? "", " in · ");
      assertEquals(await demo.locator("[data-cost]").textContent(), "$0.00");

      const again = performance.now();
      await run.click();
      await page.waitForFunction(() => {
        const root = document.querySelector("[data-island=LiveDemo] .live-demo");
        return root?.getAttribute("data-status") === "running" &&
          (root.querySelector(".demo-output .md")?.textContent ?? "").length > 0;
      });
      console.log(`click to first token, warm: ${Math.round(performance.now() - again)} ms`);
      await page.locator("[data-island=LiveDemo] .live-demo[data-status=succeeded]").waitFor();

      const used = await page.evaluate(async () => {
        const statuses: number[] = [];
        for (let i = 0; i < 12; i++) {
          const res = await fetch("/api/runs", {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ agent: "docs-assistant", input: { question: `Probe ${i}` } }),
          });
          statuses.push(res.status);
          await res.body?.cancel();
        }
        return statuses;
      });
      assert(used.includes(429), `the quota ran out: ${used.join(",")}`);
      await run.click();
      await demo.getByRole("alert").waitFor();
      assertStringIncludes(await demo.getByRole("alert").textContent() ?? "", "Demo quota used up");
      const alertText = await demo.getByRole("alert").textContent() ?? "";
      assertStringIncludes(alertText, `${anonymousDemoQuota.runsPerDay} demo runs`);
      assertNoConsoleErrors(collected, { ignore: [/status of 429/] });
    });
  } finally {
    await app.stop();
  }
});

/** Records what the demo showed after every DOM change, for checks on what was visible mid-stream. */
function watchDemo() {
  const root = document.querySelector("[data-island=LiveDemo]")!;
  const w = window as unknown as { snaps: Record<string, unknown>[] };
  w.snaps = [];
  new MutationObserver(() => {
    const live = root.querySelector(".live-demo")!;
    const tokens = root.querySelector("[data-tokens]");
    w.snaps.push({
      status: live.getAttribute("data-status"),
      text: [...root.querySelectorAll(".demo-output .md")].map((e) => e.textContent).join("\n"),
      links: root.querySelectorAll(".demo-output .md a").length,
      strong: root.querySelectorAll(".demo-output .md strong").length,
      tables: root.querySelectorAll(".demo-output .md table").length,
      tokens: tokens?.textContent ?? "",
      measured: tokens?.getAttribute("data-measured"),
      steps: [...root.querySelectorAll(".demo-step")].map((e) => e.getAttribute("data-state")),
    });
  }).observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
}

interface Snap {
  status: string;
  text: string;
  links: number;
  strong: number;
  tables: number;
  tokens: string;
  measured: string;
  steps: string[];
}

Deno.test("the demo shows tool steps in order with arguments and results, renders Markdown while streaming without half-links, and counts tokens live", async () => {
  const fake = startFakeOpenAi();
  const parts = [
    "Rotate a secret in **two",
    " steps**:\n\n- Create the new key\n- Read [the secrets",
    " guide](/docs/secr",
    "ets) first\n\n| Step | Where |\n|---",
    "|---|\n| Rotate | Dash",
    "board |\n\nDone.",
  ];
  fake.script(
    {
      kind: "stream",
      chunks: [
        ...textChunks(["Let me check ", "the docs."]).slice(0, 2),
        ...toolCallChunks("call_1", "search_docs", ['{"query":', '"rotate a secret"}']),
      ],
      delayMs: 150,
    },
    { kind: "stream", chunks: textChunks(parts), delayMs: 400 },
  );
  const app = await startTestApp({
    env: {
      OPENAI_API_KEY: "sk-test-key",
      OPENAI_BASE_URL: fake.baseURL,
      OPENAI_MAX_RETRIES: "0",
    },
  });
  try {
    await withBrowser(async (browser) => {
      const { page, collected } = await openPage(browser, `${app.url}/solutions/knowledge`);
      const demo = page.locator("[data-island=LiveDemo]");
      await page.waitForFunction(() =>
        !document.querySelector<HTMLButtonElement>("[data-island=LiveDemo] button[type=submit]")
          ?.disabled
      );
      await demo.getByLabel("Your question").fill("How do I rotate a secret?");
      await page.evaluate(watchDemo);
      await demo.getByRole("button", { name: "Run agent" }).click();
      await page.locator("[data-island=LiveDemo] .live-demo[data-status=succeeded]").waitFor({
        timeout: 60_000,
      });
      const snaps = await page.evaluate(() =>
        (window as unknown as { snaps: Snap[] }).snaps
      ) as Snap[];
      const running = snaps.filter((s) => s.status === "running");
      const states = running.map((s) => s.steps.join(",")).filter((x, i, all) => x !== all[i - 1]);
      assert(
        states.indexOf("running") >= 0 && states.indexOf("running") < states.indexOf("done"),
        `the step showed its running state, then done: ${states.join(" → ")}`,
      );
      for (const s of running) {
        assert(!/\[|\]\(|\*\*|\|/.test(s.text), `half-finished Markdown was visible: ${s.text}`);
      }
      assert(running.some((s) => s.strong > 0 && s.links > 0), "Markdown rendered mid-stream");
      assert(running.some((s) => s.tables > 0), "the table appeared before the end");
      const counts = running.filter((s) => s.measured === "false")
        .map((s) => Number(s.tokens.match(/(\d+) out/)?.[1] ?? 0));
      assert(counts.some((n) => n > 0), `the meter counted before the end: ${counts}`);
      assert(counts.at(-1)! > counts.find((n) => n > 0)!, `the meter grew: ${counts}`);
      assertEquals(
        (await demo.locator("[data-tokens]").textContent())?.trim(),
        "61 in · 18 out",
        "the provider's usage replaces the estimate",
      );
      assertEquals(await demo.locator("[data-tokens]").getAttribute("data-measured"), "true");

      const order = await demo.locator(".demo-output > *").evaluateAll((els) =>
        els.map((e) => e.className)
      );
      assertEquals(order, ["md", "demo-step", "md"], "text, the tool call, then text");
      const step = demo.locator(".demo-step");
      assertStringIncludes(await step.textContent() ?? "", '{"query":"rotate a secret"}');
      await step.locator("summary").click();
      const result = await step.locator("details pre").last().textContent() ?? "";
      assertStringIncludes(result, '"results"');
      assertEquals(await demo.locator(".md a").getAttribute("href"), "/docs/secrets");
      assertEquals(await demo.locator(".md td").allTextContents(), ["Rotate", "Dashboard"]);
      assertNoConsoleErrors(collected);
    });
  } finally {
    await app.stop();
    await fake.close();
  }
});
