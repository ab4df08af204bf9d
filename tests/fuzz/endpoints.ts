/**
 * Every endpoint of the app, discovered from the generated manifest (fresh.gen.ts), so routes
 * added later are fuzzed without touching this file: the Hono pattern of each route file and
 * the methods it answers (a `handler` object's keys; a handler function or a page: GET, plus
 * POST for a function handler).
 */
import manifest from "../../fresh.gen.ts";
import { parseRouteFile } from "../../lib/framework/paths.ts";

/** One route file's endpoint. */
export interface Endpoint {
  /** Manifest key, e.g. `./routes/api/runs/[id]/index.ts`. */
  file: string;
  /** Hono pattern, e.g. `/api/runs/:id`. */
  pattern: string;
  methods: string[];
}

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];

/** The endpoints of the manifest, in a stable order. */
export function endpoints(): Endpoint[] {
  const out: Endpoint[] = [];
  for (const [file, mod] of Object.entries(manifest.routes)) {
    const parsed = parseRouteFile(file);
    if (parsed.kind !== "route") continue;
    const h = mod.handler;
    let methods: string[];
    if (typeof h === "function" || Array.isArray(h)) methods = ["GET", "POST"];
    else if (h) methods = METHODS.filter((m) => m in h);
    else methods = mod.default ? ["GET"] : [];
    if (h && typeof h === "object" && !Array.isArray(h) && !h.GET && mod.default) {
      methods.unshift("GET");
    }
    out.push({ file, pattern: parsed.pattern, methods });
  }
  return out.sort((a, b) => a.pattern.localeCompare(b.pattern));
}

/** A concrete path for a pattern: each `:param` (or catch-all) replaced by `fill(name)`. */
export function pathOf(pattern: string, fill: (name: string) => string): string {
  return pattern.replace(/:(\w+)(\{\.\+\})?/g, (_, name: string) => fill(name));
}
