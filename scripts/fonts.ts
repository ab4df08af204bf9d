/**
 * Copies the site's web font (Inter, variable weight, Latin subset) and its licence from the
 * pinned npm package `@fontsource-variable/inter` into static/fonts/, where styles.css's
 * `@font-face` and the preload in components/Head.tsx find it. Run `deno task fonts` after
 * changing the package's version and commit the result.
 */

const pkg = new URL(import.meta.resolve("@fontsource-variable/inter/package.json"));
const out = new URL("../static/fonts/", import.meta.url);

/** Each font file: where it is in the npm package and where the site serves it from. */
export const FONT_FILES: readonly { from: URL; to: URL }[] = [
  {
    from: new URL("files/inter-latin-wght-normal.woff2", pkg),
    to: new URL("inter-latin-wght-normal.woff2", out),
  },
  { from: new URL("LICENSE", pkg), to: new URL("inter-LICENSE.txt", out) },
];

if (import.meta.main) {
  await Deno.mkdir(out, { recursive: true });
  for (const { from, to } of FONT_FILES) {
    await Deno.copyFile(from, to);
    console.log(to.pathname);
  }
}
