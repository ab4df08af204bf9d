import type { Hono } from "hono";
import manifest from "../fresh.gen.ts";
import config from "../fresh.config.ts";
import {
  createApp,
  type IslandAssets,
  loadIslandAssets,
  stateOf,
  StaticFiles,
} from "./framework/mod.ts";
import { requestContext, requestStamp } from "./http/request_context.ts";
import { appShell } from "./http/app_shell.ts";
import { securityHeaders } from "./http/security_headers.ts";
import { compression } from "./http/compress.ts";
import { bodyLimits } from "./security/body_limits.ts";
import { csrf } from "./security/csrf.ts";
import { rateLimits } from "./security/rate_limit.ts";
import { carriesSessionCookie, sessionMiddleware } from "./auth/session.ts";
import { demoKeyMiddleware } from "./tracking/demo_key_middleware.ts";
import type { Services } from "./services.ts";
import { logger } from "./telemetry/log.ts";
import "./state.ts";

let loaded: Promise<{ assets: IslandAssets; staticFiles: StaticFiles }> | null = null;

/**
 * Loads what a site needs besides services: the islands bundle and the static files. Built
 * once per process (several in-process instances, as in tests, share it).
 */
export function loadSiteAssets(prebuilt: boolean) {
  return loaded ??= Promise.all([
    loadIslandAssets(manifest, { prebuilt, ...config.islands }),
    StaticFiles.load(new URL("./static/", manifest.baseUrl)),
  ]).then(([assets, staticFiles]) => ({ assets, staticFiles }));
}

/**
 * Cached pages are rendered again this often, so the demo key in their meta tag (valid for
 * its 30-minute window plus an hour) is always current and Home's figures are measured again.
 */
const STATIC_PAGE_TTL_MS = 15 * 60 * 1000;

/** The whole site as a Hono app: the middleware array, then the file routes. */
export function createSite(
  services: Services,
  { assets, staticFiles }: { assets: IslandAssets; staticFiles: StaticFiles },
): Hono {
  const production = services.settings.env === "production";
  return createApp({
    manifest,
    assets,
    staticFiles,
    staticTtlMs: STATIC_PAGE_TTL_MS,
    personal: (ctx) => ctx.state.user !== undefined,
    fastPath: { anonymous: (req) => !carriesSessionCookie(req), ...requestStamp },
    shell: appShell,
    middlewares: [
      async (c, next) => {
        stateOf(c).services = services;
        await next();
      },
      requestContext(),
      securityHeaders({ hsts: production, hcaptcha: Boolean(services.settings.hcaptcha) }),
      rateLimits(),
      sessionMiddleware(),
      csrf(),
      bodyLimits(),
      demoKeyMiddleware(),
      compression(),
    ],
    onError: (error, c) =>
      logger.error("unhandled error", {
        error,
        requestId: c.get("requestId"),
        traceId: c.get("traceId"),
      }),
  });
}
