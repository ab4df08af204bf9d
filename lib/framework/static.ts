import { fromFileUrl } from "./file_url.ts";

const TYPES: Record<string, string> = {
  css: "text/css; charset=utf-8",
  js: "text/javascript; charset=utf-8",
  json: "application/json; charset=utf-8",
  txt: "text/plain; charset=utf-8",
  xml: "application/xml; charset=utf-8",
  svg: "image/svg+xml",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  webp: "image/webp",
  ico: "image/x-icon",
  woff2: "font/woff2",
  webmanifest: "application/manifest+json",
};

interface StaticFile {
  body: Uint8Array;
  etag: string;
  type: string;
}

/** Hex SHA-256 of bytes, truncated. */
export async function hashBytes(bytes: Uint8Array | string, length = 16): Promise<string> {
  const data = typeof bytes === "string" ? new TextEncoder().encode(bytes) : bytes;
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", data as BufferSource));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("").slice(0, length);
}

/** True when a URL path is safe to map onto the static folder. */
export function isSafeStaticPath(pathname: string): boolean {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return false;
  }
  if (decoded.includes("\0") || decoded.includes("\\")) return false;
  return !decoded.split("/").some((s) => s === ".." || s === "." || s.startsWith("."));
}

let current: StaticFiles | null = null;

/**
 * URL of a static file with its content hash, for long caching: `/styles.css?v=abc`.
 * Falls back to the plain path before the app has loaded its static files.
 */
export function asset(pathname: string): string {
  return current?.assetUrl(pathname) ?? pathname;
}

/**
 * Serves files from a folder with ETag and 304. The folder is listed and hashed once at start
 * and files are kept in memory; a `?v=` query (from `asset`) makes a response immutable.
 */
export class StaticFiles {
  #files = new Map<string, StaticFile>();

  private constructor() {}

  /** Loads every file under `dir` and makes it the source of `asset()`. */
  static async load(dir: URL): Promise<StaticFiles> {
    const files = new StaticFiles();
    const root = fromFileUrl(dir).replace(/\/$/, "");
    const walk = async (rel: string) => {
      let entries: Deno.DirEntry[] = [];
      try {
        entries = await Array.fromAsync(Deno.readDir(root + rel));
      } catch (e) {
        if (e instanceof Deno.errors.NotFound) return;
        throw e;
      }
      for (const entry of entries) {
        const path = `${rel}/${entry.name}`;
        if (entry.isDirectory) await walk(path);
        else if (entry.isFile && !entry.name.startsWith(".")) {
          const body = await Deno.readFile(root + path);
          const ext = entry.name.split(".").pop()!.toLowerCase();
          files.#files.set(path, {
            body,
            etag: `"${await hashBytes(body)}"`,
            type: TYPES[ext] ?? "application/octet-stream",
          });
        }
      }
    };
    await walk("");
    current = files;
    return files;
  }

  /** URL of a file with its content hash, or the plain path for an unknown file. */
  assetUrl(pathname: string): string {
    const file = this.#files.get(pathname);
    return file ? `${pathname}?v=${file.etag.slice(1, 9)}` : pathname;
  }

  /** Answers a GET/HEAD for a static file, or null when there is none. */
  serve(req: Request, url: URL): Response | null {
    if (req.method !== "GET" && req.method !== "HEAD") return null;
    if (!isSafeStaticPath(url.pathname)) return null;
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      return null;
    }
    const file = this.#files.get(pathname);
    if (!file) return null;
    const immutable = url.searchParams.has("v");
    const headers = new Headers({
      "content-type": file.type,
      etag: file.etag,
      "cache-control": immutable ? "public, max-age=31536000, immutable" : "public, max-age=300",
    });
    if (req.headers.get("if-none-match") === file.etag) {
      return new Response(null, { status: 304, headers });
    }
    return new Response(req.method === "HEAD" ? null : file.body as Uint8Array<ArrayBuffer>, {
      headers,
    });
  }
}
