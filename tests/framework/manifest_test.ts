import { assert, assertEquals } from "../support/assert.ts";
import { generateManifest } from "../../lib/framework/manifest_gen.ts";
import manifest from "../../fresh.gen.ts";

const root = new URL("../../", import.meta.url);

Deno.test("fresh.gen.ts is current (run `deno task manifest` after adding routes or islands)", async () => {
  const committed = await Deno.readTextFile(new URL("fresh.gen.ts", root));
  assertEquals(committed, await generateManifest(root));
});

Deno.test("the manifest holds every route and island module", () => {
  assert(manifest.routes["./routes/index.tsx"]?.default, "home page present");
  assert(manifest.routes["./routes/_app.tsx"]?.default, "_app present");
  assert(Object.keys(manifest.islands).length > 0, "islands present");
});
