import {
  type BootOptions,
  buildIslands,
  type BuiltFile,
  type IslandAssets,
  ISLANDS_PREFIX,
} from "./bundle.ts";
import type { Manifest } from "./types.ts";

interface BuildIndex extends Omit<IslandAssets, "files"> {
  files: string[];
}

const JS = "text/javascript; charset=utf-8";

/** Where `deno task build` writes the islands bundle. */
export function buildDir(manifest: Manifest): URL {
  return new URL("./_build/islands/", manifest.baseUrl);
}

/** Writes a built bundle to `_build/islands/` (the `deno task build` output). */
export async function writeIslandAssets(manifest: Manifest, assets: IslandAssets): Promise<void> {
  const dir = buildDir(manifest);
  await Deno.remove(dir, { recursive: true }).catch(() => {});
  await Deno.mkdir(dir, { recursive: true });
  for (const [path, file] of assets.files) {
    await Deno.writeFile(new URL(path.slice(ISLANDS_PREFIX.length), dir), file.contents);
  }
  const { files, ...rest } = assets;
  const index: BuildIndex = { ...rest, files: [...files.keys()] };
  await Deno.writeTextFile(new URL("index.json", dir), JSON.stringify(index));
}

async function readIslandAssets(manifest: Manifest): Promise<IslandAssets | null> {
  const dir = buildDir(manifest);
  let index: BuildIndex;
  try {
    index = JSON.parse(await Deno.readTextFile(new URL("index.json", dir)));
  } catch {
    return null;
  }
  const files = new Map<string, BuiltFile>();
  for (const path of index.files) {
    const contents = await Deno.readFile(new URL(path.slice(ISLANDS_PREFIX.length), dir));
    files.set(path, { contents, contentType: JS });
  }
  return { ...index, files };
}

/**
 * The islands bundle for this process: the prebuilt one from `deno task build` when
 * `prebuilt` is set and it exists (Deno Deploy cannot run esbuild), else built now in memory.
 */
export async function loadIslandAssets(
  manifest: Manifest,
  { prebuilt, ...boot }: { prebuilt: boolean } & BootOptions,
): Promise<IslandAssets> {
  if (prebuilt) {
    const built = await readIslandAssets(manifest);
    if (built) return built;
  }
  return await buildIslands(manifest.baseUrl, Object.keys(manifest.islands), boot);
}
