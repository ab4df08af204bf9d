/**
 * axe-core accessibility checks for pages opened with `openPage` (tests/support/browser.ts):
 * injected through the DevTools protocol, so the page's CSP neither blocks nor reports them.
 */
import type { Page } from "playwright-core";

/** Pages opened with JavaScript disabled: axe checks a script-free snapshot of them instead. */
export const noJsPages = new WeakSet<Page>();

/** One axe-core rule violation. */
export interface AxeViolation {
  id: string;
  impact: "minor" | "moderate" | "serious" | "critical" | null;
  description: string;
  help: string;
  helpUrl: string;
  nodes: { target: unknown[]; html: string; failureSummary?: string }[];
}

/** What to check. */
export interface AxeOptions {
  /** CSS selector to limit the check to (default: the whole document). */
  include?: string;
  /** CSS selectors to leave out. */
  exclude?: string[];
  /** Only these tags, e.g. ["wcag2a", "wcag2aa"] (default: axe's default rule set). */
  tags?: string[];
  /** Rule ids to turn off, e.g. ["color-contrast"]. */
  disableRules?: string[];
}

let axeSource: Promise<string> | undefined;

/** Source of axe-core's axe.min.js from the installed npm package. */
export function axeCoreSource(): Promise<string> {
  axeSource ??= (async () => {
    const main = new URL(import.meta.resolve("axe-core"));
    return await Deno.readTextFile(new URL("axe.min.js", main));
  })();
  return axeSource;
}

/**
 * Runs axe-core in the page and returns its violations ([] when clean).
 *
 * axe is evaluated through CDP (`page.evaluate`), which the page's CSP does not govern, so pages
 * keep their strict `script-src 'self'` (no `bypassCSP`), and CSP violations collected by
 * `openPage` still describe only the page's own behaviour. Pages opened with JavaScript disabled
 * are audited through a script-free snapshot (see runAxeOnSnapshot).
 */
export async function runAxe(
  page: Page,
  opts: AxeOptions & { timeoutMs?: number } = {},
): Promise<AxeViolation[]> {
  if (noJsPages.has(page)) return await runAxeOnSnapshot(page, opts);
  const loaded = await page.evaluate(() => typeof (globalThis as { axe?: unknown }).axe);
  if (loaded === "undefined") await page.evaluate(await axeCoreSource());
  return await withTimeout(
    page.evaluate(axeInPage, opts),
    opts.timeoutMs ?? 60_000,
    `runAxe timed out on ${page.url()}`,
  );
}

/**
 * In a page whose JavaScript is disabled, Chromium still runs an evaluate but never runs the
 * async work axe.run needs, so it would hang. Audit instead a script-free snapshot of that DOM
 * (with `<noscript>` content kept, as rendered) in a scratch JS-enabled context, with a `<base>`
 * so stylesheets and images still load.
 */
async function runAxeOnSnapshot(
  page: Page,
  opts: AxeOptions & { timeoutMs?: number },
): Promise<AxeViolation[]> {
  const html = await page.evaluate(() => {
    const root = document.documentElement.cloneNode(true) as HTMLElement;
    root.querySelectorAll("script").forEach((s) => s.remove());
    root.querySelectorAll("noscript").forEach((n) => {
      const div = document.createElement("div");
      div.setAttribute("data-noscript", "");
      div.innerHTML = n.innerHTML;
      n.replaceWith(div);
    });
    const base = document.createElement("base");
    base.href = location.href;
    root.querySelector("head")?.prepend(base);
    return (document.doctype ? "<!doctype html>" : "") + root.outerHTML;
  });
  const browser = page.context().browser();
  if (!browser) throw new Error("runAxe: page has no browser");
  const context = await browser.newContext({ viewport: page.viewportSize() });
  try {
    const scratch = await context.newPage();
    await scratch.setContent(html, { waitUntil: "load" });
    await scratch.evaluate(await axeCoreSource());
    return await withTimeout(
      scratch.evaluate(axeInPage, opts),
      opts.timeoutMs ?? 60_000,
      `runAxe timed out on a snapshot of ${page.url()}`,
    );
  } finally {
    await context.close();
  }
}

async function withTimeout<T>(p: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      p,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(message)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Runs in the page. */
async function axeInPage(o: AxeOptions): Promise<AxeViolation[]> {
  // deno-lint-ignore no-explicit-any
  const axe = (globalThis as any).axe;
  const context = o.include || o.exclude?.length
    ? { include: o.include ? [o.include] : [document], exclude: o.exclude ?? [] }
    : document;
  const options: Record<string, unknown> = { resultTypes: ["violations"] };
  if (o.tags?.length) options.runOnly = { type: "tag", values: o.tags };
  if (o.disableRules?.length) {
    options.rules = Object.fromEntries(o.disableRules.map((r) => [r, { enabled: false }]));
  }
  const result = await axe.run(context, options);
  // deno-lint-ignore no-explicit-any
  return result.violations.map((v: any) => ({
    id: v.id,
    impact: v.impact ?? null,
    description: v.description,
    help: v.help,
    helpUrl: v.helpUrl,
    // deno-lint-ignore no-explicit-any
    nodes: v.nodes.map((n: any) => ({
      target: n.target,
      html: n.html,
      failureSummary: n.failureSummary,
    })),
  }));
}

/** Readable summary of axe violations, for assertion messages. */
export function formatAxeViolations(violations: AxeViolation[]): string {
  return violations.map((v) =>
    `${v.id} (${v.impact}): ${v.help}\n` +
    v.nodes.map((n) => `  - ${JSON.stringify(n.target)} ${n.html.slice(0, 120)}`).join("\n")
  ).join("\n");
}

/** Throws with a readable list if axe finds any violation. */
export async function assertNoAxeViolations(page: Page, opts: AxeOptions = {}): Promise<void> {
  const violations = await runAxe(page, opts);
  if (violations.length > 0) {
    throw new Error(
      `${violations.length} accessibility violation(s):\n${formatAxeViolations(violations)}`,
    );
  }
}
