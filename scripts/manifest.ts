/** Writes fresh.gen.ts from routes/ and islands/. */
import { generateManifest } from "../lib/framework/manifest_gen.ts";

const root = new URL("../", import.meta.url);
const text = await generateManifest(root);
const path = new URL("fresh.gen.ts", root);
const old = await Deno.readTextFile(path).catch(() => "");
if (old !== text) {
  await Deno.writeTextFile(path, text);
  console.log("fresh.gen.ts updated");
}
