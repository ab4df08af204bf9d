/**
 * `deno task audit:pages`: starts the app on a loopback port (in-memory KV and PGlite), runs
 * Lighthouse 12.2.3 from npm against Home, Pricing, Docs and a Solutions page with the same
 * Chromium the browser tests use, and prints the four category scores and the page weight
 * (HTML, CSS and JavaScript bytes, gzip) of each page. Not pass/fail: it reports figures.
 *
 * Options: `--page /path` (repeatable) to audit other pages, `--desktop` for Lighthouse's
 * desktop preset (the default is its mobile profile with simulated throttling).
 */
import { startApp } from "../lib/boot.ts";
import { loadSettings } from "../lib/config.ts";
import { findChromium } from "../tests/support/browser.ts";

const DEFAULT_PAGES = ["/", "/pricing", "/docs", "/solutions/sales"];
const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"] as const;

/** Scores (0-100) per category and the gzip weight of one page. */
interface PageAudit {
  path: string;
  scores: Record<typeof CATEGORIES[number], number | null>;
  weight: { html: number; css: number; js: number };
}

async function gzipSize(bytes: Uint8Array): Promise<number> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new CompressionStream("gzip"));
  return (await new Response(stream).arrayBuffer()).byteLength;
}

async function fetchBytes(url: string): Promise<Uint8Array> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

/** HTML, CSS and JS (what the page loads: scripts, modulepreloads and their static imports). */
async function pageWeight(base: string, path: string) {
  const htmlBytes = await fetchBytes(base + path);
  const html = new TextDecoder().decode(htmlBytes);
  const css = [...html.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) => m[1]);
  const js = [...html.matchAll(/(?:src|href)="(\/_fresh\/js\/[^"]+)"/g)].map((m) => m[1]);
  let cssBytes = 0;
  for (const href of css) cssBytes += await gzipSize(await fetchBytes(base + href));
  let jsBytes = 0;
  const seen = new Set<string>();
  const queue = [...js];
  while (queue.length) {
    const url = queue.shift()!;
    if (seen.has(url)) continue;
    seen.add(url);
    const bytes = await fetchBytes(base + url);
    jsBytes += await gzipSize(bytes);
    const text = new TextDecoder().decode(bytes);
    for (const m of text.matchAll(/(?:from|import)\s*["'](\.\/[\w.-]+\.js)["']/g)) {
      queue.push(new URL(m[1], `http://x${url}`).pathname);
    }
  }
  return { html: await gzipSize(htmlBytes), css: cssBytes, js: jsBytes };
}

async function lighthouse(url: string, chromePath: string, desktop: boolean) {
  const args = [
    "-y",
    "lighthouse@12.2.3",
    url,
    "--chrome-flags=--headless --no-sandbox --disable-gpu --disable-background-networking",
    "--output=json",
    "--output-path=stdout",
    "--quiet",
    ...(desktop ? ["--preset=desktop"] : []),
  ];
  const out = await new Deno.Command("npx", {
    args,
    env: { CHROME_PATH: chromePath },
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!out.success) {
    throw new Error(`lighthouse failed for ${url}:\n${new TextDecoder().decode(out.stderr)}`);
  }
  const report = JSON.parse(new TextDecoder().decode(out.stdout));
  const scores = Object.fromEntries(
    CATEGORIES.map((c) => {
      const s = report.categories?.[c]?.score;
      return [c, typeof s === "number" ? Math.round(s * 100) : null];
    }),
  ) as PageAudit["scores"];
  const failing = Object.values(report.audits as Record<string, Record<string, unknown>>)
    .filter((a) =>
      typeof a.score === "number" && (a.score as number) < 0.9 &&
      a.scoreDisplayMode !== "informative"
    )
    .map((a) => `${a.id} (${a.score})`);
  return { scores, failing };
}

const pad = (s: string | number, n: number) => String(s).padStart(n);

if (import.meta.main) {
  const pages: string[] = [];
  for (let i = 0; i < Deno.args.length; i++) {
    if (Deno.args[i] === "--page") pages.push(Deno.args[++i]);
  }
  const desktop = Deno.args.includes("--desktop");
  const chrome = await findChromium();
  const settings = await loadSettings({
    DENO_ENV: "test",
    PORT: "0",
    HOSTNAME: "127.0.0.1",
    KV_PATH: ":memory:",
    DATABASE_URL: "memory://",
    LOG_LEVEL: "error",
  });
  const app = await startApp({ settings, crons: false });
  const results: PageAudit[] = [];
  try {
    for (const path of pages.length ? pages : DEFAULT_PAGES) {
      const weight = await pageWeight(app.url, path);
      const { scores, failing } = await lighthouse(app.url + path, chrome.executablePath, desktop);
      results.push({ path, scores, weight });
      if (failing.length) console.error(`${path}: audits below 0.9: ${failing.join(", ")}`);
    }
  } finally {
    await app.stop();
  }
  console.log(
    `Lighthouse 12.2.3 (${
      desktop ? "desktop" : "mobile"
    } profile), Chromium at ${chrome.executablePath}`,
  );
  console.log(
    "page                 perf  a11y  best   seo |  html gz   css gz    js gz",
  );
  for (const r of results) {
    const s = r.scores;
    console.log(
      `${r.path.padEnd(20)} ${pad(s.performance ?? "-", 4)}  ${pad(s.accessibility ?? "-", 4)}  ${
        pad(s["best-practices"] ?? "-", 4)
      }  ${pad(s.seo ?? "-", 4)} | ${pad(r.weight.html, 8)} ${pad(r.weight.css, 8)} ${
        pad(r.weight.js, 8)
      }`,
    );
  }
}
