/**
 * Checks tests/support/browser.ts itself against a throwaway loopback server serving pages with
 * a strict CSP (`script-src 'self'`), an external module script and a button.
 */
import assert from "node:assert/strict";
import {
  assertNoConsoleErrors,
  formatAxeViolations,
  openPage,
  runAxe,
  withBrowser,
} from "../support/browser.ts";

const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'; " +
  "base-uri 'none'; frame-ancestors 'none'";

const page = (body: string, title = "Helper test") =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8">` +
  `<meta name="viewport" content="width=device-width, initial-scale=1">` +
  `<title>${title}</title><script type="module" src="/app.js"></script></head>` +
  `<body><main><h1>${title}</h1>${body}</main></body></html>`;

const routes: Record<string, [string, string]> = {
  "/": [
    "text/html",
    page(`<button id="b" type="button">Count</button><p id="out">0</p>`),
  ],
  "/inline": [
    "text/html",
    page(`<p>x</p><script>document.title = "inline ran";</script>`),
  ],
  "/a11y": ["text/html", page(`<img src="/missing.png"><button type="button"></button>`)],
  "/throws": ["text/html", page(`<p>x</p>`).replace("/app.js", "/throw.js")],
  "/app.js": [
    "text/javascript",
    `const b = document.getElementById("b"), out = document.getElementById("out");
     if (b) b.addEventListener("click", () => { out.textContent = String(Number(out.textContent) + 1); });
     document.documentElement.dataset.booted = "1";`,
  ],
  "/throw.js": ["text/javascript", `throw new Error("boom from module");`],
};

async function withServer(fn: (base: string) => Promise<void>) {
  const ac = new AbortController();
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, signal: ac.signal, onListen: () => {} },
    (req) => {
      const path = new URL(req.url).pathname;
      const hit = routes[path];
      if (path === "/favicon.ico") return new Response(null, { status: 204 });
      if (!hit) return new Response("not found", { status: 404 });
      return new Response(hit[1], {
        headers: { "content-type": `${hit[0]}; charset=utf-8`, "content-security-policy": CSP },
      });
    },
  );
  try {
    await fn(`http://127.0.0.1:${server.addr.port}`);
  } finally {
    ac.abort();
    await server.finished;
  }
}

Deno.test("browser helper: strict-CSP page, module script, button, axe, error collection", async (t) => {
  await withServer((base) =>
    withBrowser(async (browser) => {
      console.log(
        `chromium: ${browser.chromiumInfo.source} ${browser.chromiumInfo.executablePath}`,
      );

      await t.step(
        "clean page: module script runs, click works, no errors, axe clean",
        async () => {
          const p = await openPage(browser, `${base}/`);
          try {
            assert.equal(p.response?.status(), 200);
            await p.page.waitForSelector("html[data-booted='1']");
            await p.page.getByRole("button", { name: "Count" }).click();
            await p.page.getByRole("button", { name: "Count" }).click();
            assert.equal(await p.page.textContent("#out"), "2");
            const violations = await runAxe(p.page);
            assert.deepEqual(violations, [], formatAxeViolations(violations));
            // axe injection must not have tripped the page's CSP.
            assertNoConsoleErrors(p.collected);
          } finally {
            await p.close();
          }
        },
      );

      await t.step("inline script is blocked and reported as a CSP violation", async () => {
        const p = await openPage(browser, `${base}/inline`);
        try {
          assert.equal(await p.page.title(), "Helper test");
          await p.page.waitForFunction(() => document.documentElement.dataset.booted === "1");
          assert.ok(p.collected.cspViolations.some((v) => v.startsWith("event: ")), "DOM event");
          assert.ok(
            p.collected.cspViolations.some((v) => v.startsWith("console: ")),
            "console log",
          );
          assert.throws(() => assertNoConsoleErrors(p.collected), /CSP violation/);
        } finally {
          await p.close();
        }
      });

      await t.step("axe finds violations; 404 shows as a console error", async () => {
        const p = await openPage(browser, `${base}/a11y`);
        try {
          const ids = (await runAxe(p.page)).map((v) => v.id).sort();
          assert.ok(ids.includes("image-alt"), ids.join());
          assert.ok(ids.includes("button-name"), ids.join());
          assert.deepEqual(
            await runAxe(p.page, { disableRules: ["image-alt", "button-name"] }),
            [],
          );
          assert.match(p.collected.consoleErrors.join("\n"), /404/);
        } finally {
          await p.close();
        }
      });

      await t.step("axe on a no-JS page audits its snapshot", async () => {
        const p = await openPage(browser, `${base}/a11y`, { javaScriptEnabled: false });
        try {
          const ids = (await runAxe(p.page)).map((v) => v.id);
          assert.ok(ids.includes("image-alt") && ids.includes("button-name"), ids.join());
        } finally {
          await p.close();
        }
      });

      await t.step("uncaught exception in a module is a page error", async () => {
        const p = await openPage(browser, `${base}/throws`);
        try {
          await p.page.waitForTimeout(50);
          assert.match(p.collected.pageErrors.join("\n"), /boom from module/);
          assert.throws(() => assertNoConsoleErrors(p.collected), /page error/);
          assertNoConsoleErrors(p.collected, { ignore: [/boom from module/] });
        } finally {
          await p.close();
        }
      });

      await t.step("javaScriptEnabled: false keeps scripts off; axe still runs", async () => {
        const p = await openPage(browser, `${base}/`, { javaScriptEnabled: false });
        try {
          assert.equal(await p.page.getAttribute("html", "data-booted"), null);
          assert.deepEqual(await runAxe(p.page), []);
          assert.equal(await p.page.textContent("#out"), "0");
          assertNoConsoleErrors(p.collected);
        } finally {
          await p.close();
        }
      });
    })
  );
});
