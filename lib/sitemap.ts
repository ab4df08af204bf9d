/**
 * The public pages of the site, for `sitemap.xml`: every page route in the manifest without
 * parameters, not under a private prefix and not marked `noindex`, plus every docs page.
 */
import { parseRouteFile } from "./framework/paths.ts";
import type { Manifest } from "./framework/mod.ts";

/** Path prefixes that are never public (signed-in areas, APIs, auth flows, development). */
export const PRIVATE_PREFIXES = [
  "/account",
  "/admin",
  "/api",
  "/auth",
  "/consent",
  "/dashboard",
  "/demo",
  "/dev",
  "/invite",
  "/oauth",
  "/onboarding",
  "/settings",
  "/signin",
  "/signout",
  "/signup",
  "/workspaces",
] as const;

/** True when `path` is, or is under, a private prefix. */
export function isPrivatePath(path: string): boolean {
  return PRIVATE_PREFIXES.some((p) => path === p || path.startsWith(`${p}/`));
}

/** Public page paths from the route manifest, sorted. */
export function publicRoutePaths(manifest: Manifest): string[] {
  const paths: string[] = [];
  for (const [key, module] of Object.entries(manifest.routes)) {
    const file = parseRouteFile(key);
    if (file.kind !== "route" || !module.default) continue;
    if (/[:{*]/.test(file.pattern) || isPrivatePath(file.pattern)) continue;
    const meta = typeof module.meta === "function" ? undefined : module.meta;
    if (meta?.noindex) continue;
    const handler = module.handler;
    if (handler && typeof handler === "object" && !Array.isArray(handler) && !handler.GET) continue;
    paths.push(file.pattern);
  }
  return paths.sort();
}

function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** The sitemap XML for `paths` under `origin`. */
export function sitemapXml(origin: string, paths: string[]): string {
  const urls = [...new Set(paths)].map((p) =>
    `  <url><loc>${escapeXml(new URL(p, `${origin}/`).href)}</loc></url>`
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join("\n")}\n</urlset>\n`;
}
