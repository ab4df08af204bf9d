/**
 * The Fresh-compatible core: file routes, layouts, middlewares and islands on Hono, Preact and
 * esbuild. Route modules import their types from here.
 */
export { createApp, stateOf } from "./app.ts";
export { SKIP_PAGE_CACHE } from "./page_cache.ts";
export type { AppOptions } from "./app.ts";
export type { CachedPageFastPath } from "./page_cache.ts";
export { loadIslandAssets } from "./assets.ts";
export type { ShellOptions } from "./shell.ts";
export type { IslandAssets } from "./bundle.ts";
export { HttpError, jsonError, wantsJson } from "./errors.ts";
export { isSafeHeaderValue, UnsafeHeaderError } from "./header_values.ts";
export { redirect, type RedirectInit, sameSitePath } from "./redirect.ts";
export { asset, StaticFiles } from "./static.ts";
export type {
  FreshConfig,
  FreshContext,
  HandlerFn,
  Handlers,
  LayoutProps,
  Manifest,
  Meta,
  PageProps,
  RenderInit,
  RouteConfig,
  RouteModule,
  State,
} from "./types.ts";
