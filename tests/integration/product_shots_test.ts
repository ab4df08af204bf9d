/**
 * The product screenshots (`deno task screenshots`): each listed file is a PNG of the size the
 * manifest says, and Home and Solutions show them with that size and their alt text.
 */
import { assert, assertEquals } from "../support/assert.ts";
import { startTestApp } from "../support/app.ts";
import { productShot, type ProductShotName } from "../../lib/product_shots.ts";

const NAMES: ProductShotName[] = ["liveDemo", "dashboard", "replay"];

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  assertEquals([...bytes.slice(1, 4)], [0x50, 0x4e, 0x47], "a PNG file");
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

Deno.test("each product screenshot is a PNG of its listed size, with alt text", async () => {
  for (const name of NAMES) {
    const shot = productShot(name);
    const file = await Deno.readFile(new URL(`../../static${shot.src}`, import.meta.url));
    assertEquals(pngSize(file), { width: shot.width, height: shot.height }, name);
    assert(shot.alt.length > 40, `${name} has a descriptive alt text`);
  }
});

Deno.test("Home and Solutions show the product screenshots", async () => {
  const app = await startTestApp();
  try {
    for (
      const [path, names] of [["/", ["dashboard", "replay"]], ["/solutions", ["liveDemo"]]] as const
    ) {
      const html = await (await app.fetch(path)).text();
      for (const name of names) {
        const shot = productShot(name);
        const img = html.match(new RegExp(`<img[^>]*src="${shot.src}(\\?v=[^"]+)?"[^>]*>`))?.[0];
        assert(img, `${path} shows ${name}`);
        assert(img.includes(`width="${shot.width}"`) && img.includes(`height="${shot.height}"`));
        assert(img.includes('alt="'), `${name} has alt text`);
        const served = await app.fetch(shot.src);
        assertEquals(served.status, 200);
        assertEquals(served.headers.get("content-type"), "image/png");
        await served.body?.cancel();
      }
    }
  } finally {
    await app.stop();
  }
});
