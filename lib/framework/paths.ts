/** The role a file under routes/ plays, derived from its name. */
export type RouteFileKind = "route" | "app" | "layout" | "middleware" | "notFound" | "error";

/** One file under routes/, parsed. */
export interface RouteFile {
  /** Manifest key, e.g. `./routes/docs/[...slug].tsx`. */
  key: string;
  kind: RouteFileKind;
  /** Folder of the file relative to routes/, with groups kept, e.g. `(site)/docs`. */
  dir: string;
  /** Hono pattern for routes, e.g. `/docs/:slug{.+}`; "" for special files. */
  pattern: string;
}

const SPECIAL: Record<string, RouteFileKind> = {
  _app: "app",
  _layout: "layout",
  _middleware: "middleware",
  _404: "notFound",
  _500: "error",
};

/** Parses a manifest key into its kind, folder and Hono pattern. */
export function parseRouteFile(key: string): RouteFile {
  const rel = key.replace(/^\.\/routes\//, "").replace(/\.(tsx|ts|jsx|js)$/, "");
  const parts = rel.split("/");
  const name = parts.pop()!;
  const dir = parts.join("/");
  const special = SPECIAL[name];
  if (special) return { key, kind: special, dir, pattern: "" };
  const segments = [...parts, name]
    .filter((s) => !/^\(.+\)$/.test(s))
    .filter((s, i, all) => !(s === "index" && i === all.length - 1))
    .map(toSegment);
  return { key, kind: "route", dir, pattern: "/" + segments.join("/") };
}

function toSegment(segment: string): string {
  const rest = segment.match(/^\[\.\.\.(\w+)\]$/);
  if (rest) return `:${rest[1]}{.+}`;
  return segment.replace(/\[(\w+)\]/g, ":$1");
}

function segmentRank(segment: string): number {
  if (segment.includes("{.+}")) return 2;
  if (segment.includes(":")) return 1;
  return 0;
}

/**
 * Orders patterns so the most specific wins: segment by segment, static before
 * parameter before catch-all; then longer before shorter.
 */
export function comparePatterns(a: string, b: string): number {
  const as = a.split("/").filter(Boolean);
  const bs = b.split("/").filter(Boolean);
  for (let i = 0; i < Math.min(as.length, bs.length); i++) {
    const diff = segmentRank(as[i]) - segmentRank(bs[i]);
    if (diff !== 0) return diff;
  }
  if (as.length !== bs.length) return bs.length - as.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The folders from routes/ down to `dir`, each an ancestor-or-self, root first. */
export function ancestorDirs(dir: string): string[] {
  const parts = dir ? dir.split("/") : [];
  return parts.reduce<string[]>((acc, p) => {
    const prev = acc.at(-1);
    return [...acc, prev ? `${prev}/${p}` : p];
  }, [""]);
}
