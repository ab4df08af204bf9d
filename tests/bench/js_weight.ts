/**
 * JavaScript weight per page from the build itself, lazy chunks included: for each page, the
 * scripts its HTML loads, the chunk of every island it carries (with Preact), and everything
 * those may import, statically or dynamically (the esbuild metafile's import graph, kept in
 * `IslandAssets.imports`; of the islands the boot module could import, only the page's own),
 * each file gzipped (level 6, as served) from the app's own response.
 * "Core" is the page module alone (consent banner and page tracking), without the error
 * reporter it loads only when an error happens; "total" is all of it.
 */
import type { IslandAssets } from "../../lib/framework/bundle.ts";
import { gzipSize } from "./transfer.ts";

/** One page's JavaScript, gzip bytes. */
export interface JsWeightRow {
  page: string;
  islands: string[];
  /** Page module and page tracking: what a page without islands may load besides the reporter. */
  coreGzipBytes: number;
  /** Every file the page may load, lazy chunks and the error reporter included. */
  totalGzipBytes: number;
  files: number;
}

/** Every URL reachable from `roots` through the import graph, skipping `stop`. */
export function closure(
  imports: Record<string, string[]>,
  roots: Iterable<string>,
  stop = new Set<string>(),
): Set<string> {
  const seen = new Set<string>();
  const todo = [...roots];
  while (todo.length) {
    const url = todo.pop()!;
    if (seen.has(url) || stop.has(url)) continue;
    seen.add(url);
    todo.push(...(imports[url] ?? []));
  }
  return seen;
}

/** Weighs each page's JavaScript on the running app at `baseUrl`, built as `assets`. */
export async function benchJsWeight(
  baseUrl: string,
  assets: IslandAssets,
  pages: { name: string; path: string }[],
): Promise<JsWeightRow[]> {
  const imports = assets.imports ?? {};
  const entries = assets.entries ?? { islands: {}, preact: null, reporter: null };
  const sizes = new Map<string, number>();
  const weigh = async (urls: Set<string>) => {
    let total = 0;
    for (const url of urls) {
      if (!sizes.has(url)) {
        const res = await fetch(baseUrl + url);
        if (!res.ok) throw new Error(`${url}: ${res.status}`);
        sizes.set(url, await gzipSize(new Uint8Array(await res.arrayBuffer())));
      }
      total += sizes.get(url)!;
    }
    return total;
  };
  const rows: JsWeightRow[] = [];
  for (const p of pages) {
    const html = await (await fetch(baseUrl + p.path)).text();
    const scripts = [...html.matchAll(/<script type="module" src="([^"]+)"/g)].map((m) => m[1]);
    const islands = [...new Set([...html.matchAll(/data-island="([^"]+)"/g)].map((m) => m[1]))];
    const roots = new Set(scripts);
    if (islands.length && entries.preact) roots.add(entries.preact);
    for (const name of islands) {
      if (!entries.islands[name]) throw new Error(`${p.path}: island ${name} is not built`);
      roots.add(entries.islands[name]);
    }
    // The boot module can import every island; only this page's islands count.
    const others = Object.entries(entries.islands).filter(([name]) => !islands.includes(name));
    const all = closure(imports, roots, new Set(others.map(([, url]) => url)));
    const reporter = new Set(entries.reporter ? [entries.reporter] : []);
    const core = assets.page ? closure(imports, [assets.page], reporter) : new Set<string>();
    rows.push({
      page: p.name,
      islands,
      coreGzipBytes: await weigh(core),
      totalGzipBytes: await weigh(all),
      files: all.size,
    });
  }
  return rows;
}
