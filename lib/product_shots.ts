/**
 * The product visuals on Home and Solutions: screenshots of the live demo and the dashboard that
 * `deno task screenshots` (scripts/screenshots.ts) renders from the running product, with their
 * pixel sizes and alt texts, as listed in static/screens/manifest.json.
 */
import manifest from "../static/screens/manifest.json" with { type: "json" };

/** One screenshot: where it is served, its size in CSS pixels, and what it shows. */
export interface ProductShot {
  src: string;
  width: number;
  height: number;
  alt: string;
}

/** The screenshots the task renders. */
export type ProductShotName = "liveDemo" | "dashboard" | "replay";

/** The screenshot named `name`. */
export function productShot(name: ProductShotName): ProductShot {
  return (manifest as Record<ProductShotName, ProductShot>)[name];
}
