import { fromFileUrl } from "./file_url.ts";
import { islandName } from "./islands.ts";

/** One built browser asset. */
export interface BuiltFile {
  contents: Uint8Array;
  contentType: string;
}

/** The islands bundle: files by URL path, the boot module, and each island's chunks. */
export interface IslandAssets {
  files: Map<string, BuiltFile>;
  /** URL of the boot module, or null when the app has no islands. */
  boot: string | null;
  /** Chunks the boot module imports statically, preloaded beside it to skip a round trip. */
  bootImports: string[];
}

/** URL prefix of built island files. */
export const ISLANDS_PREFIX = "/_fresh/js/";

/**
 * The boot module: hydrates each island marker when it comes near the viewport, and the rest
 * once the page has loaded and the browser is idle, so below-the-fold islands stay off the
 * critical path. `errorReporter` (a module exporting `installErrorReporting` and
 * `reportClientError`) is wired in when given.
 */
function bootSource(islands: [string, string][], errorReporter?: string): string {
  const loaders = islands
    .map(([name, path]) => `${JSON.stringify(name)}: () => import(${JSON.stringify(path)})`)
    .join(",\n  ");
  const reporter = errorReporter
    ? `import { installErrorReporting, reportClientError } from ${JSON.stringify(errorReporter)};
installErrorReporting();
`
    : "const reportClientError = () => {};\n";
  return `import { h, hydrate } from "preact";
${reporter}const islands = {
  ${loaders}
};
const pending = new Set();
const start = (el) => {
  if (!pending.delete(el)) return;
  const name = el.dataset.island;
  islands[name]()
    .then((m) => hydrate(h(m.default, JSON.parse(el.dataset.props || "{}")), el))
    .then(() => el.setAttribute("data-hydrated", ""))
    .catch((e) => {
      console.error("island " + name + " failed to load", e);
      reportClientError("island", e, { island: name });
    });
};
const io = "IntersectionObserver" in window
  ? new IntersectionObserver((entries) => {
    for (const e of entries) if (e.isIntersecting) start(e.target.__island);
  }, { rootMargin: "200px" })
  : null;
for (const el of document.querySelectorAll("[data-island]")) {
  if (!islands[el.dataset.island]) continue;
  pending.add(el);
  const box = el.firstElementChild;
  if (io && box) {
    box.__island = el;
    io.observe(box);
  } else start(el);
}
const rest = () => {
  performance.mark("fresh:idle-hydration");
  io?.disconnect();
  for (const el of [...pending]) start(el);
};
const idle = () => ("requestIdleCallback" in window ? requestIdleCallback(rest, { timeout: 2000 }) : setTimeout(rest, 200));
if (document.readyState === "complete") idle();
else addEventListener("load", idle, { once: true });
`;
}

/** Bundles the islands with esbuild: ESM, code splitting, minified, content-hashed names. */
export async function buildIslands(
  baseUrl: string,
  islandKeys: string[],
  { minify = true, errorReporter }: { minify?: boolean; errorReporter?: string } = {},
): Promise<IslandAssets> {
  if (islandKeys.length === 0) return { files: new Map(), boot: null, bootImports: [] };
  const esbuild = await import("esbuild");
  const root = fromFileUrl(new URL(".", baseUrl)).replace(/\/$/, "");
  const islands = islandKeys.map((k): [string, string] => [
    islandName(k),
    fromFileUrl(new URL(k, baseUrl)),
  ]);
  try {
    const result = await esbuild.build({
      entryPoints: ["fresh:boot"],
      absWorkingDir: root,
      bundle: true,
      splitting: true,
      format: "esm",
      platform: "browser",
      target: ["es2022"],
      minify,
      write: false,
      metafile: true,
      outdir: "out",
      entryNames: "boot-[hash]",
      chunkNames: "[name]-[hash]",
      jsx: "automatic",
      jsxImportSource: "preact",
      define: { "process.env.NODE_ENV": '"production"' },
      plugins: [{
        name: "fresh-boot",
        setup(build) {
          build.onResolve({ filter: /^fresh:boot$/ }, () => ({ path: "boot", namespace: "fresh" }));
          build.onLoad({ filter: /.*/, namespace: "fresh" }, () => ({
            contents: bootSource(islands, errorReporter),
            loader: "js",
            resolveDir: root,
          }));
        },
      }],
    });
    return collect(result);
  } finally {
    await esbuild.stop();
  }
}

function collect(
  result: import("esbuild").BuildResult & { metafile: import("esbuild").Metafile },
): IslandAssets {
  const files = new Map<string, BuiltFile>();
  for (const file of result.outputFiles ?? []) {
    const name = file.path.split("/").pop()!;
    files.set(ISLANDS_PREFIX + name, {
      contents: file.contents,
      contentType: "text/javascript; charset=utf-8",
    });
  }
  const outputs = result.metafile.outputs;
  const url = (out: string) => ISLANDS_PREFIX + out.split("/").pop()!;
  const closure = (out: string, seen = new Set<string>()): string[] => {
    if (seen.has(out)) return [];
    seen.add(out);
    const statics = outputs[out].imports.filter((i) => i.kind === "import-statement");
    return [url(out), ...statics.flatMap((i) => closure(i.path, seen))];
  };
  const bootOut = Object.keys(outputs).find((out) => outputs[out].entryPoint === "fresh:boot");
  const boot = bootOut ? url(bootOut) : null;
  const bootImports = bootOut ? closure(bootOut).slice(1) : [];
  return { files, boot, bootImports };
}
