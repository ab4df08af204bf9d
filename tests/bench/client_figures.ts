/**
 * The client figures of issue 18 for `deno task bench` (tests/bench/run.ts calls
 * {@link clientFigures}): on an app process of its own running the offline engine, the time
 * from the click on "Run agent" to the first token on the page in Chromium
 * (demo_first_token.ts), and the JavaScript every sitemap page can load, lazy chunks included,
 * with the consent and tracking part on its own (js_weight.ts). Sections `demoFirstTokenPage`
 * and `jsWeight` (BENCH_SKIP names them).
 */
import { harnessEnv } from "../support/app_fixture.ts";
import { startServerProcess } from "../support/process.ts";
import { buildIslands } from "../../lib/framework/bundle.ts";
import manifest from "../../fresh.gen.ts";
import config from "../../fresh.config.ts";
import { benchDemoFirstToken, type FirstTokenResult } from "./demo_first_token.ts";
import { type Figure, figure } from "./figures.ts";
import { benchJsWeight, type JsWeightRow } from "./js_weight.ts";
import { sitemapPages } from "./transfer.ts";

/** run.ts's `section`: runs `fn` unless skipped, keeps its result under `name`. */
type Section = <T>(name: string, fn: () => Promise<T>) => Promise<T | undefined>;

/** Measures the client figures through `section` and returns them as figure lines. */
export async function clientFigures(section: Section): Promise<Figure[]> {
  const dataDir = await Deno.makeTempDir({ prefix: "bench-client-" });
  const app = await startServerProcess(
    harnessEnv(dataDir, { extra: { LOG_LEVEL: "error" } }),
    120_000,
  );
  let first: FirstTokenResult | undefined;
  let rows: JsWeightRow[] | undefined;
  try {
    first = await section("demoFirstTokenPage", () => benchDemoFirstToken(app.url));
    rows = await section("jsWeight", async () => {
      const assets = await buildIslands(
        manifest.baseUrl,
        Object.keys(manifest.islands),
        config.islands,
      );
      return benchJsWeight(app.url, assets, await sitemapPages(app.url));
    });
  } finally {
    await app.stop();
    await Deno.remove(dataDir, { recursive: true });
  }
  const heaviest = rows?.reduce((a, b) => (b.totalGzipBytes > a.totalGzipBytes ? b : a));
  const plain = rows?.filter((r) => r.islands.length === 0) ?? [];
  return [
    figure(
      "demo.firstToken.page",
      "Time to first demo token after the click, on the page (Chromium, offline engine), p50",
      first?.measured ? first.p50Ms : undefined,
      "ms",
      null,
      { on: "value", op: "<=", bound: 50 },
    ),
    figure(
      "js.maxPage.all",
      `JavaScript a page can load, lazy chunks included, heaviest (${heaviest?.page ?? "-"}), gzip`,
      heaviest?.totalGzipBytes,
      "bytes",
      null,
      { on: "value", op: "<=", bound: 10_240 },
    ),
    figure(
      "js.core",
      "Consent banner + page tracking (page module and its lazy chunk), gzip",
      rows && Math.max(...rows.map((r) => r.coreGzipBytes)),
      "bytes",
      null,
      { on: "value", op: "<=", bound: 2048 },
    ),
    figure(
      "js.plainPages",
      "Pages without islands: JavaScript beyond consent + tracking (error reporter, on error)",
      plain.length ? Math.max(...plain.map((r) => r.totalGzipBytes - r.coreGzipBytes)) : undefined,
      "bytes",
      null,
      { on: "value", op: "<=", bound: 0 },
    ),
  ];
}
