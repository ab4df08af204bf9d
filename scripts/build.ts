/** `deno task build`: regenerates fresh.gen.ts and writes the islands bundle to _build/. */
import { buildIslands } from "../lib/framework/bundle.ts";
import { writeIslandAssets } from "../lib/framework/assets.ts";
import config from "../fresh.config.ts";

await import("./manifest.ts");
const { default: manifest } = await import("../fresh.gen.ts");
const started = performance.now();
const assets = await buildIslands(
  manifest.baseUrl,
  Object.keys(manifest.islands),
  config.islands,
);
await writeIslandAssets(manifest, assets);
const bytes = [...assets.files.values()].reduce((n, f) => n + f.contents.length, 0);
console.log(
  `built ${assets.files.size} island files (${bytes} bytes) in ${
    Math.round(performance.now() - started)
  } ms`,
);
