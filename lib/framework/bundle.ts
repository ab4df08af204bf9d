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
  /** URL of the islands boot module (pages with islands only), or null when the app has none. */
  boot: string | null;
  /** Chunks the boot module imports statically, preloaded beside it to skip a round trip. */
  bootImports: string[];
  /**
   * URL of the page module every page loads (the page script and the error listeners), or
   * null when the app has neither.
   */
  page?: string | null;
  /** What each built file may load (static and dynamic imports, by URL). */
  imports?: Record<string, string[]>;
  /** Each island's chunk URL by island name, and the Preact and error reporter chunks. */
  entries?: { islands: Record<string, string>; preact: string | null; reporter: string | null };
}

/** What the boot module wires in besides the islands (fresh.config.ts `islands`). */
export interface BootOptions {
  /** Module exporting `reportErrorEvent(event)`; loaded only when an error happens. */
  errorReporter?: string;
  /** Module run on every page for its side effects (consent banner, page tracking). */
  pageScript?: string;
}

/** URL prefix of built island files. */
export const ISLANDS_PREFIX = "/_fresh/js/";

/**
 * The islands boot module (pages with islands only): hydrates each island marker when it comes near the
 * viewport, and the rest once the page has loaded and the browser is idle, so below-the-fold
 * islands stay off the critical path. Preact is imported with the first island, and the error
 * reporter only when an island fails.
 */
function bootSource(islands: [string, string][], urls: { preact: string; reporter?: string }) {
  const loaders = islands
    .map(([name, path]) => `${JSON.stringify(name)}: () => import(${JSON.stringify(path)})`)
    .join(",\n  ");
  const reporter = urls.reporter
    ? `const reportClientError = (kind, e, extra) =>
  import(${JSON.stringify(urls.reporter)}).then((m) => m.reportClientError(kind, e, extra));
`
    : "const reportClientError = () => {};\n";
  return `${reporter}const islands = {
  ${loaders}
};
const pending = new Set();
const start = (el) => {
  if (!pending.delete(el)) return;
  const name = el.dataset.island;
  Promise.all([islands[name](), import(${JSON.stringify(urls.preact)})])
    .then(([m, { h, hydrate }]) => hydrate(h(m.default, JSON.parse(el.dataset.props || "{}")), el))
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

/** The page module: the page script, and the error listeners that load the reporter on demand. */
function pageSource(reporter?: string, pageScript?: string) {
  const page = pageScript ? `import ${JSON.stringify(pageScript)};\n` : "";
  if (!reporter) return page;
  const url = JSON.stringify(reporter);
  return `${page}const onError = (e) => import(${url}).then((m) => m.reportErrorEvent(e));
addEventListener("error", onError);
addEventListener("unhandledrejection", onError);
`;
}

/**
 * Bundles the islands and the page script with esbuild: ESM, minified, content-hashed names.
 * Two builds: the islands, Preact and the error reporter with code splitting (shared code in
 * shared chunks), then the page module (page script and error listeners, plus the chunks it
 * imports dynamically), which every page loads, and the islands boot module, which only pages
 * with islands load; both load the first build's files by URL.
 */
export async function buildIslands(
  baseUrl: string,
  islandKeys: string[],
  { minify = true, ...boot }: { minify?: boolean } & BootOptions = {},
): Promise<IslandAssets> {
  if (islandKeys.length === 0 && !boot.pageScript) {
    return { files: new Map(), boot: null, bootImports: [], page: null };
  }
  const esbuild = await import("esbuild");
  const root = fromFileUrl(new URL(".", baseUrl)).replace(/\/$/, "");
  const islandPaths = islandKeys.map((k) => fromFileUrl(new URL(k, baseUrl)));
  const reporterPath = boot.errorReporter && fromFileUrl(new URL(boot.errorReporter, baseUrl));
  const common: import("esbuild").BuildOptions = {
    absWorkingDir: root,
    bundle: true,
    format: "esm",
    platform: "browser",
    target: ["es2022"],
    minify,
    write: false,
    metafile: true,
    outdir: "out",
    jsx: "automatic",
    jsxImportSource: "preact",
    define: { "process.env.NODE_ENV": '"production"' },
  };
  const virtual = (name: string, contents: () => string) => ({
    name: `fresh-${name}`,
    setup(build: import("esbuild").PluginBuild) {
      const filter = new RegExp(`^fresh:${name}$`);
      build.onResolve({ filter }, () => ({ path: name, namespace: "fresh" }));
      build.onLoad({ filter: new RegExp(`^${name}$`), namespace: "fresh" }, () => ({
        contents: contents(),
        loader: "js",
        resolveDir: root,
      }));
    },
  });
  try {
    const chunks = await esbuild.build({
      ...common,
      entryPoints: ["fresh:preact", ...islandPaths, ...(reporterPath ? [reporterPath] : [])],
      splitting: true,
      entryNames: "[name]-[hash]",
      chunkNames: "[name]-[hash]",
      plugins: [virtual("preact", () => `export { h, hydrate } from "preact";`)],
    });
    const urlOf = (entry: string) => {
      const out = Object.entries(chunks.metafile!.outputs)
        .find(([, o]) => o.entryPoint === entry || o.entryPoint === relative(root, entry))?.[0];
      if (!out) throw new Error(`esbuild produced no output for ${entry}`);
      return ISLANDS_PREFIX + out.split("/").pop()!;
    };
    const urls = {
      preact: urlOf("fresh:preact"),
      reporter: reporterPath ? urlOf(reporterPath) : undefined,
    };
    const islands = islandKeys.map((k, i): [string, string] => [
      islandName(k),
      urlOf(islandPaths[i]),
    ]);
    const hasPage = Boolean(boot.pageScript || reporterPath);
    const main = await esbuild.build({
      ...common,
      entryPoints: [
        { in: "fresh:boot", out: "boot" },
        ...(hasPage ? [{ in: "fresh:page", out: "page" }] : []),
      ],
      splitting: true,
      entryNames: "[name]-[hash]",
      chunkNames: "[name]-[hash]",
      external: [`${ISLANDS_PREFIX}*`],
      plugins: [
        virtual("boot", () => bootSource(islands, urls)),
        virtual("page", () => pageSource(urls.reporter, boot.pageScript)),
      ],
    });
    const files = new Map([...filesOf(chunks), ...filesOf(main)]);
    const entryUrl = (name: string) => {
      const out = Object.entries(main.metafile!.outputs)
        .find(([, o]) => o.entryPoint === `fresh:${name}`)?.[0];
      return out ? ISLANDS_PREFIX + out.split("/").pop()! : null;
    };
    return {
      files,
      boot: islandKeys.length ? entryUrl("boot") : null,
      bootImports: [],
      page: entryUrl("page"),
      imports: { ...importsOf(chunks), ...importsOf(main) },
      entries: {
        islands: Object.fromEntries(islands),
        preact: urls.preact,
        reporter: urls.reporter ?? null,
      },
    };
  } finally {
    await esbuild.stop();
  }
}

function relative(root: string, path: string): string {
  return path.startsWith(root + "/") ? path.slice(root.length + 1) : path;
}

function importsOf(result: import("esbuild").BuildResult): Record<string, string[]> {
  const url = (path: string) => ISLANDS_PREFIX + path.split("/").pop()!;
  return Object.fromEntries(
    Object.entries(result.metafile!.outputs).map(([out, o]) => [
      url(out),
      o.imports.map((i) => i.external ? i.path : url(i.path)),
    ]),
  );
}

function filesOf(result: import("esbuild").BuildResult): Map<string, BuiltFile> {
  const files = new Map<string, BuiltFile>();
  for (const file of result.outputFiles ?? []) {
    const name = file.path.split("/").pop()!;
    files.set(ISLANDS_PREFIX + name, {
      contents: file.contents,
      contentType: "text/javascript; charset=utf-8",
    });
  }
  return files;
}
