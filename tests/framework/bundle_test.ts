import { assert, assertEquals, assertStringIncludes } from "../support/assert.ts";
import { buildIslands } from "../../lib/framework/bundle.ts";
import manifest from "../../fresh.gen.ts";

Deno.test("islands bundle: one boot module, a content-hashed chunk per island", async () => {
  const keys = Object.keys(manifest.islands);
  const assets = await buildIslands(manifest.baseUrl, keys);
  assert(assets.boot && /^\/_fresh\/js\/boot-[A-Z0-9]{8}\.js$/.test(assets.boot), assets.boot!);
  const files = [...assets.files.keys()];
  for (const key of keys) {
    const name = key.replace("./islands/", "").replace(/\.tsx?$/, "");
    assert(files.some((f) => new RegExp(`^/_fresh/js/${name}-[A-Z0-9]{8}\\.js$`).test(f)), name);
  }
  for (const url of assets.bootImports) assert(assets.files.has(url), `${url} is built`);
  const boot = new TextDecoder().decode(assets.files.get(assets.boot!)!.contents);
  assertStringIncludes(boot, "data-island");
  assertStringIncludes(boot, "IntersectionObserver");
  const again = await buildIslands(manifest.baseUrl, keys);
  assertEquals([...again.files.keys()].sort(), files.sort());
});
