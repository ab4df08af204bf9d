import { asset } from "../lib/framework/mod.ts";
import { productShot, type ProductShotName } from "../lib/product_shots.ts";

/** A screenshot of the product (static/screens/, from `deno task screenshots`) with a caption. */
export function ProductShot({ name, caption }: { name: ProductShotName; caption: string }) {
  const shot = productShot(name);
  return (
    <figure class="product-shot">
      <img
        src={asset(shot.src)}
        width={shot.width}
        height={shot.height}
        alt={shot.alt}
        loading="lazy"
        decoding="async"
      />
      <figcaption>{caption}</figcaption>
    </figure>
  );
}
