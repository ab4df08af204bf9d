import { assert, assertEquals } from "../support/assert.ts";
import { startTestApp, type TestApp } from "../support/app.ts";
import { assertNoConsoleErrors, openPage, runAxe, withBrowser } from "../support/browser.ts";
import { startSmtpSink } from "../support/receivers.ts";
import type { Browser } from "playwright-core";

/** Decodes a quoted-printable mail body (soft line breaks and `=XX` escapes). */
function decodeQuotedPrintable(raw: string): string {
  return raw.replace(/=\r?\n/g, "").replace(
    /=([0-9A-F]{2})/g,
    (_, h) => String.fromCharCode(parseInt(h, 16)),
  );
}

async function waitFor<T>(get: () => T | undefined, what: string): Promise<T> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const v = get();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Signs in through the sign-in form, follows the mailed link, returns the page on /account. */
async function signInInBrowser(
  browser: Browser,
  app: TestApp,
  email: string,
  readLink: () => Promise<string>,
) {
  const opened = await openPage(browser, `${app.url}/signin?next=/account`);
  const { page, collected } = opened;
  assertEquals(await runAxe(page), []);
  await page.getByLabel("E-mail address").fill(email);
  await page.getByRole("button", { name: "E-mail me a sign-in link" }).click();
  await page.getByRole("heading", { name: "Check your e-mail" }).waitFor();
  const link = await readLink();
  assert(link.startsWith(`${app.url}/signin/verify?token=`), link);
  await page.goto(link);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`${app.url}/account`);
  await page.getByText(`Signed in as ${email}`).waitFor();
  assertEquals(await runAxe(page), []);
  const cookie = (await opened.context.cookies()).find((c) => c.name === "session");
  assert(cookie, "session cookie stored");
  assertEquals(cookie.httpOnly, true);
  assertEquals(cookie.sameSite, "Lax");
  assertEquals(cookie.path, "/");
  assertNoConsoleErrors(collected);
  return opened;
}

Deno.test("magic link in the browser, with the mail read from a loopback SMTP sink", async () => {
  const sink = await startSmtpSink();
  const app = await startTestApp({
    env: { SMTP_URL: sink.url, SMTP_FROM: "Relay <signin@relay.test>" },
  });
  try {
    await withBrowser(async (browser) => {
      const opened = await signInInBrowser(browser, app, "smtp-user@example.com", async () => {
        const mail = await waitFor(
          () => sink.mails.find((m) => m.to.includes("smtp-user@example.com")),
          "the sign-in mail",
        );
        assertEquals(mail.from, "signin@relay.test");
        const body = decodeQuotedPrintable(mail.raw);
        assert(body.includes("Subject: Your Relay sign-in link"), "subject");
        return body.match(/https?:\/\/[^\s"<>]+\/signin\/verify\?token=[A-Za-z0-9_-]+/)![0];
      });
      const outbox = await app.fetch("/dev/outbox", { headers: { accept: "application/json" } });
      assertEquals((await outbox.json()).emails.length, 0, "SMTP configured: nothing kept");
      await opened.page.getByRole("button", { name: "Sign out everywhere" }).click();
      await opened.page.waitForURL(/\/signin\?notice=signed_out_everywhere$/);
      await opened.page.getByText("You are signed out on every device.").waitFor();
      await opened.page.goto(`${app.url}/account`);
      assert(opened.page.url().startsWith(`${app.url}/signin?next=`), opened.page.url());
      await opened.close();
    });
  } finally {
    await app.stop();
    await sink.close();
  }
});

Deno.test("magic link in the browser, with the mail read from the development outbox", async () => {
  const app = await startTestApp();
  try {
    await withBrowser(async (browser) => {
      const opened = await signInInBrowser(browser, app, "outbox-user@example.com", async () => {
        const { page, collected } = await openPage(browser, `${app.url}/dev/outbox`);
        assertEquals(await runAxe(page), []);
        const link = page.getByRole("link", { name: /\/signin\/verify\?token=/ }).first();
        const href = await link.getAttribute("href");
        assertNoConsoleErrors(collected);
        await page.context().close();
        return href!;
      });
      await opened.close();
    });
  } finally {
    await app.stop();
  }
});
