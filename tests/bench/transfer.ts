/**
 * Transfer weight per page, as a browser loads it: every same-origin response Chromium fetched
 * (HTML, CSS, the island boot module and the chunks it imports, images), each gzipped at level
 * 6 by CompressionStream, summed as JavaScript and total. Also whether the server itself sent
 * the response compressed.
 */
import { browserCookie, withBrowser } from "../support/browser.ts";

/** One page's transfer row. */
export interface TransferRow {
  page: string;
  requests: number;
  jsFiles: number;
  jsRawBytes: number;
  jsGzipBytes: number;
  totalRawBytes: number;
  totalGzipBytes: number;
  /** Responses the server already sent with a Content-Encoding. */
  compressedByServer: number;
}

/** Size of `bytes` after gzip. */
export async function gzipSize(bytes: Uint8Array): Promise<number> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new CompressionStream("gzip"));
  return (await new Response(stream).arrayBuffer()).byteLength;
}

/** Loads each path in Chromium (fresh context, cold cache) and weighs what it fetched. */
export function benchTransfer(
  baseUrl: string,
  pages: { name: string; path: string; cookie?: string }[],
): Promise<TransferRow[]> {
  return withBrowser(async (browser) => {
    const rows: TransferRow[] = [];
    for (const p of pages) {
      const context = await browser.newContext();
      if (p.cookie) await context.addCookies([browserCookie(p.cookie, baseUrl)]);
      const page = await context.newPage();
      const seen: Promise<{ js: boolean; raw: number; gz: number; enc: boolean } | null>[] = [];
      page.on("response", (res) => {
        if (!res.url().startsWith(baseUrl)) return;
        // Live event streams never end, so they have no body to weigh.
        if ((res.headers()["content-type"] ?? "").startsWith("text/event-stream")) return;
        seen.push((async () => {
          try {
            const body = new Uint8Array(await res.body());
            const type = res.headers()["content-type"] ?? "";
            return {
              js: /javascript/.test(type),
              raw: body.length,
              gz: await gzipSize(body),
              enc: Boolean(res.headers()["content-encoding"]),
            };
          } catch {
            return null; // redirects and aborted requests have no body
          }
        })());
      });
      // Not "networkidle": live islands keep an event stream open.
      await page.goto(baseUrl + p.path, { waitUntil: "load", timeout: 30_000 });
      await page.waitForTimeout(1000);
      const items = (await Promise.all(seen)).filter((x) => x !== null);
      const js = items.filter((i) => i.js);
      const sum = (xs: typeof items, f: (x: typeof items[number]) => number) =>
        xs.reduce((a, x) => a + f(x), 0);
      rows.push({
        page: p.name,
        requests: items.length,
        jsFiles: js.length,
        jsRawBytes: sum(js, (x) => x.raw),
        jsGzipBytes: sum(js, (x) => x.gz),
        totalRawBytes: sum(items, (x) => x.raw),
        totalGzipBytes: sum(items, (x) => x.gz),
        compressedByServer: items.filter((i) => i.enc).length,
      });
      await context.close();
    }
    return rows;
  });
}

/** Every page the sitemap lists, as `benchTransfer` pages named by their path. */
export async function sitemapPages(baseUrl: string): Promise<{ name: string; path: string }[]> {
  const xml = await (await fetch(`${baseUrl}/sitemap.xml`)).text();
  return [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => {
    const path = new URL(m[1]).pathname;
    return { name: path, path };
  });
}
