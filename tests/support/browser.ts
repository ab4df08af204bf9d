/**
 * Browser helpers for e2e tests: Chromium driven by playwright-core.
 *
 * Chromium is found in this order: env `CHROME_PATH`; Debian's `/usr/bin/chromium`; else the
 * binary shipped inside the npm package `@sparticuz/chromium` (extracted to the temp dir on first
 * use, guarded by a file lock so parallel test processes do not race). Set
 * `BROWSER_SKIP_SYSTEM=1` to skip `/usr/bin/chromium` (used to check the npm fallback).
 *
 * ```ts
 * Deno.test("home page", async () => {
 *   await withBrowser(async (browser) => {
 *     const p = await openPage(browser, `${base}/`);
 *     try {
 *       await p.page.getByRole("button", { name: "Run" }).click();
 *       assertEquals(await runAxe(p.page), []);
 *       assertNoConsoleErrors(p.collected);
 *     } finally {
 *       await p.close();
 *     }
 *   });
 * });
 * ```
 */
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { noJsPages } from "./axe.ts";

/** Flags every launch gets (playwright adds its own automation flags and a temp profile). */
export const BASE_ARGS: readonly string[] = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export const SYSTEM_CHROMIUM = "/usr/bin/chromium";

export interface ChromiumInfo {
  executablePath: string;
  /** Extra flags that this binary needs (the @sparticuz ones). */
  args: string[];
  source: "CHROME_PATH" | "system" | "sparticuz";
}

function isExecutableFile(path: string): boolean {
  try {
    const st = Deno.statSync(path);
    return st.isFile && ((st.mode ?? 0o111) & 0o111) !== 0;
  } catch {
    return false;
  }
}

let sparticuzCache: Promise<ChromiumInfo> | undefined;

async function sparticuzChromium(): Promise<ChromiumInfo> {
  const { default: Chromium } = await import("@sparticuz/chromium");
  const { tmpdir } = await import("node:os");
  const tmp = tmpdir();
  // @sparticuz inflates into <tmp>/chromium and only checks that the file exists, so a
  // concurrent or interrupted extraction would hand out a half-written binary. Serialise with
  // an exclusive flock (released by the OS even if the process dies) and a completion marker.
  const marker = `${tmp}/chromium.sparticuz.ok`;
  const lock = await Deno.open(`${tmp}/chromium.sparticuz.lock`, {
    create: true,
    write: true,
  });
  let executablePath: string;
  try {
    await lock.lock(true);
    if (!fileExists(marker) || !isExecutableFile(`${tmp}/chromium`)) {
      // No marker: whatever sits at <tmp>/chromium may be a half-written leftover.
      await Deno.remove(`${tmp}/chromium`).catch(() => {});
      await Deno.remove(marker).catch(() => {});
    }
    executablePath = await Chromium.executablePath();
    await Deno.writeTextFile(marker, executablePath);
  } finally {
    await lock.unlock().catch(() => {});
    lock.close();
  }
  // Its args are tuned for AWS Lambda. Leave out: its headless flag (ours covers it);
  // --single-process (the browser dies once the first context closes); and the flags that turn
  // off web security, which would make CSP/CORS checks in tests meaningless.
  const drop = [
    /^--headless/,
    /^--single-process$/,
    /^--disable-web-security$/,
    /^--allow-running-insecure-content$/,
    /^--disable-site-isolation-trials$/,
  ];
  const args = Chromium.args.filter((a: string) => !drop.some((re) => re.test(a)));
  return { executablePath, args, source: "sparticuz" };
}

function fileExists(path: string): boolean {
  try {
    Deno.statSync(path);
    return true;
  } catch {
    return false;
  }
}

/** Finds a Chromium binary (see the module doc for the order). */
export function findChromium(): Promise<ChromiumInfo> {
  const fromEnv = Deno.env.get("CHROME_PATH");
  if (fromEnv) {
    if (!isExecutableFile(fromEnv)) {
      return Promise.reject(new Error(`CHROME_PATH=${fromEnv} is not an executable file`));
    }
    return Promise.resolve({ executablePath: fromEnv, args: [], source: "CHROME_PATH" });
  }
  if (!Deno.env.get("BROWSER_SKIP_SYSTEM") && isExecutableFile(SYSTEM_CHROMIUM)) {
    return Promise.resolve({ executablePath: SYSTEM_CHROMIUM, args: [], source: "system" });
  }
  sparticuzCache ??= sparticuzChromium().catch((e) => {
    sparticuzCache = undefined;
    throw e;
  });
  return sparticuzCache;
}

/**
 * Launches a fresh headless Chromium. The caller must `close()` it; prefer `withBrowser`.
 * playwright gives each launch a fresh temporary user-data dir and removes it on close.
 */
export async function launchBrowser(): Promise<Browser & { chromiumInfo: ChromiumInfo }> {
  const info = await findChromium();
  const args = [...BASE_ARGS, ...info.args.filter((a) => !BASE_ARGS.includes(a))];
  const browser = await chromium.launch({
    executablePath: info.executablePath,
    headless: true,
    args,
    // Keep the test process in charge of signals: no handlers left behind in Deno.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    timeout: 60_000,
  });
  return Object.assign(browser, { chromiumInfo: info });
}

/**
 * A browser context's `storageState` holding `cookies` for the loopback app (127.0.0.1, path
 * /, session cookies readable over plain http, as test apps outside production set them).
 */
export function loopbackState(...cookies: { name: string; value: string }[]) {
  return {
    cookies: cookies.map(({ name, value }) => ({
      name,
      value,
      domain: "127.0.0.1",
      path: "/",
      expires: -1,
      httpOnly: false,
      secure: false,
      sameSite: "Lax" as const,
    })),
    origins: [],
  };
}

/**
 * A cookie pair ("name=value") as a browser context takes it for `url`. `__Host-` and
 * `__Secure-` names (production sessions) must be Secure, so they are set through the https
 * form of the address; Chromium sends Secure cookies to loopback over plain http.
 */
export function browserCookie(pair: string, url: string) {
  const eq = pair.indexOf("=");
  const name = pair.slice(0, eq);
  const value = pair.slice(eq + 1);
  if (!/^__(Host|Secure)-/.test(name)) return { name, value, url };
  const https = new URL(url);
  https.protocol = "https:";
  return { name, value, url: https.origin, secure: true, httpOnly: true, sameSite: "Lax" as const };
}

/** Runs `fn` with a fresh browser and always closes it (with every context and page). */
export async function withBrowser<T>(
  fn: (browser: Browser & { chromiumInfo: ChromiumInfo }) => Promise<T>,
): Promise<T> {
  const browser = await launchBrowser();
  try {
    return await fn(browser);
  } finally {
    await browser.close();
  }
}

/** What went wrong in a page, as text. */
export interface Collected {
  /** console.error/assert messages and Chromium's own error logs (failed loads, ...). */
  consoleErrors: string[];
  /** Uncaught exceptions and unhandled rejections in the page. */
  pageErrors: string[];
  /**
   * CSP violations. One violation usually shows up twice: `console: Refused to ...` (Chromium's
   * log, also seen with JavaScript disabled) and `event: {...}` (the DOM event, JS enabled).
   */
  cspViolations: string[];
}

export interface OpenPageOptions {
  /** Default true. When false the page's scripts do not run (progressive enhancement checks). */
  javaScriptEnabled?: boolean;
  /** Default "load". */
  waitUntil?: "load" | "domcontentloaded" | "networkidle" | "commit";
  viewport?: { width: number; height: number };
  /** Extra context options (locale, colorScheme, extraHTTPHeaders, ...). */
  contextOptions?: Parameters<Browser["newContext"]>[0];
}

export interface OpenedPage {
  page: Page;
  context: BrowserContext;
  collected: Collected;
  /** Response of the first navigation (null for about:blank-like URLs). */
  response: Awaited<ReturnType<Page["goto"]>>;
  /** Closes the page's context (also done by closing the browser). */
  close(): Promise<void>;
}

const CSP_TAG = "[csp-violation] ";

/** Runs in every document before its own scripts; CDP-injected, so CSP does not block it. */
function cspListener(tag: string) {
  const report = console.error.bind(console);
  addEventListener(
    "securitypolicyviolation",
    (e: SecurityPolicyViolationEvent) => {
      report(
        tag + JSON.stringify({
          directive: e.effectiveDirective || e.violatedDirective,
          blocked: e.blockedURI,
          source: e.sourceFile,
          line: e.lineNumber,
          sample: e.sample,
        }),
      );
    },
    true,
  );
}

/**
 * Opens `url` in a new isolated context and collects console errors, page errors and CSP
 * violations from before the first script runs.
 */
export async function openPage(
  browser: Browser,
  url: string,
  opts: OpenPageOptions = {},
): Promise<OpenedPage> {
  const context = await browser.newContext({
    viewport: opts.viewport ?? { width: 1280, height: 800 },
    ...opts.contextOptions,
    javaScriptEnabled: opts.javaScriptEnabled ?? true,
  });
  try {
    const collected: Collected = { consoleErrors: [], pageErrors: [], cspViolations: [] };
    await context.addInitScript(cspListener, CSP_TAG);
    const page = await context.newPage();
    if (opts.javaScriptEnabled === false) noJsPages.add(page);
    page.on("console", (msg) => {
      const text = msg.text();
      if (text.startsWith(CSP_TAG)) {
        collected.cspViolations.push(`event: ${text.slice(CSP_TAG.length)}`);
      } else if (/Content[ -]Security[ -]Policy/i.test(text)) {
        collected.cspViolations.push(`console: ${text}`);
      } else if (msg.type() === "error" || msg.type() === "assert") {
        const loc = msg.location();
        collected.consoleErrors.push(loc.url ? `${text} (${loc.url}:${loc.lineNumber})` : text);
      }
    });
    page.on("pageerror", (err) => {
      collected.pageErrors.push(err.stack ?? String(err));
    });
    const response = await page.goto(url, { waitUntil: opts.waitUntil ?? "load" });
    return { page, context, collected, response, close: () => context.close() };
  } catch (e) {
    await context.close().catch(() => {});
    throw e;
  }
}

/** Throws (listing everything) if any console error, page error or CSP violation was seen. */
export function assertNoConsoleErrors(
  collected: Collected,
  opts: { ignore?: RegExp[] } = {},
): void {
  const keep = (s: string) => !(opts.ignore ?? []).some((re) => re.test(s));
  const problems = [
    ...collected.consoleErrors.filter(keep).map((s) => `console error: ${s}`),
    ...collected.pageErrors.filter(keep).map((s) => `page error: ${s}`),
    ...collected.cspViolations.filter(keep).map((s) => `CSP violation: ${s}`),
  ];
  if (problems.length > 0) {
    throw new Error(`${problems.length} browser problem(s):\n${problems.join("\n")}`);
  }
}

export {
  assertNoAxeViolations,
  axeCoreSource,
  type AxeOptions,
  type AxeViolation,
  formatAxeViolations,
  runAxe,
} from "./axe.ts";
