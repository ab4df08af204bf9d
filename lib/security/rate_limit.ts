/**
 * Rate limits kept in Deno KV, so they hold across instances and restarts: a sliding-window
 * counter per rule and subject (`["rate_limits", rule, subject, window]`), updated with an
 * atomic check-and-set. The middleware applies the route classes of `rules.ts`; handlers call
 * {@link enforceRateLimit} for subjects only they know (an address, a workspace).
 */
import type { Context, MiddlewareHandler } from "hono";
import { HttpError, stateOf } from "../framework/mod.ts";
import type { State } from "../framework/types.ts";
import { logger } from "../telemetry/log.ts";
import { metrics } from "../telemetry/metrics.ts";
import "../state.ts";
import { rateLimitKey } from "../../kv/keys.ts";
import { verifyApiToken } from "../auth/api_tokens.ts";
import { bearerToken, clientIp, ipSubject, remoteAddrOf, tokenSubject } from "./client_ip.ts";
import { type RateRule, type RouteClass, routeClasses } from "./rules.ts";

/** The outcome of one rate-limit check. */
export interface RateLimitResult {
  allowed: boolean;
  limit: number;
  /** Requests left in the window after this one (0 when denied). */
  remaining: number;
  /** When the window's count no longer holds this request back. */
  resetAt: Date;
  /** Seconds to wait before retrying (0 when allowed). */
  retryAfterSeconds: number;
}

declare module "hono" {
  interface ContextVariableMap {
    /** The tightest rate-limit result of this request, reported in `RateLimit-*` headers. */
    rateLimit: RateLimitResult;
  }
}

const MAX_ATTEMPTS = 16;

function retryAfterMs(rule: RateRule, prev: number, cur: number, elapsed: number, cost: number) {
  const w = rule.windowSeconds * 1000;
  if (cost > rule.limit) return 2 * w - elapsed;
  if (cur + cost > rule.limit) {
    return (w - elapsed) + w * Math.max(0, 1 - (rule.limit - cost) / cur);
  }
  return Math.max(0, w * (1 - (rule.limit - cur - cost) / prev) - elapsed);
}

/**
 * Counts one request (or `cost`) of `subject` against `rule`. Allowed requests are recorded
 * atomically; denied ones are not, so a client that waits `retryAfterSeconds` gets through.
 * The estimate weights the previous window by how much of it still overlaps the sliding one.
 */
export async function rateLimit(
  kv: Deno.Kv,
  rule: RateRule,
  subject: string,
  { now = Date.now(), cost = 1 }: { now?: number; cost?: number } = {},
): Promise<RateLimitResult> {
  const w = rule.windowSeconds * 1000;
  const window = Math.floor(now / w);
  const elapsed = now - window * w;
  const curKey = rateLimitKey(rule.name, subject, window);
  const prevKey = rateLimitKey(rule.name, subject, window - 1);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const [prevEntry, curEntry] = await kv.getMany<[number, number]>([prevKey, curKey]);
    const prev = prevEntry.value ?? 0;
    const cur = curEntry.value ?? 0;
    const used = prev * (1 - elapsed / w) + cur;
    if (used + cost > rule.limit) {
      metrics.denial({ kind: "rate_limit", rule: rule.name });
      const wait = Math.max(1, Math.ceil(retryAfterMs(rule, prev, cur, elapsed, cost) / 1000));
      return {
        allowed: false,
        limit: rule.limit,
        remaining: 0,
        resetAt: new Date(now + wait * 1000),
        retryAfterSeconds: wait,
      };
    }
    const committed = await kv.atomic().check(curEntry)
      .set(curKey, cur + cost, { expireIn: 2 * w + 1000 }).commit();
    if (committed.ok) {
      return {
        allowed: true,
        limit: rule.limit,
        remaining: Math.max(0, Math.floor(rule.limit - used - cost)),
        resetAt: new Date((window + 1) * w),
        retryAfterSeconds: 0,
      };
    }
  }
  return {
    allowed: false,
    limit: rule.limit,
    remaining: 0,
    resetAt: new Date(now + 1000),
    retryAfterSeconds: 1,
  };
}

/** `RateLimit-Limit`, `RateLimit-Remaining`, `RateLimit-Reset` (+ `Retry-After` when denied). */
export function rateLimitHeaders(result: RateLimitResult, now = Date.now()): Headers {
  const headers = new Headers({
    "ratelimit-limit": String(result.limit),
    "ratelimit-remaining": String(result.remaining),
    "ratelimit-reset": String(Math.max(0, Math.ceil((result.resetAt.getTime() - now) / 1000))),
  });
  if (!result.allowed) headers.set("retry-after", String(result.retryAfterSeconds));
  return headers;
}

/** The 429 for a denied result: says when to come back, in JSON or on the HTML error page. */
export function tooManyRequests(result: RateLimitResult): HttpError {
  const at = result.resetAt.toISOString().slice(11, 16);
  const s = result.retryAfterSeconds;
  const wait = s < 120 ? `${s} second${s === 1 ? "" : "s"}` : `${Math.ceil(s / 60)} minutes`;
  return new HttpError(
    429,
    "rate_limited",
    `Too many requests. Please try again in ${wait} (after ${at} UTC).`,
    rateLimitHeaders(result),
    { retryAfterSeconds: s, resetAt: result.resetAt.toISOString() },
  );
}

function remember(c: Context, result: RateLimitResult) {
  const current = c.get("rateLimit");
  const tighter = !result.allowed || result.remaining < (current?.remaining ?? Infinity);
  if (!current || (current.allowed && tighter)) c.set("rateLimit", result);
}

/** The client IP as configured (`TRUSTED_PROXY` decides whether forwarded headers count). */
export function requestIp(c: Context): string {
  return clientIp(c.req.raw, remoteAddrOf(c), stateOf(c).services.settings.trustedProxy);
}

/**
 * The caller a route class counts: a presented API token only when it verifies (an unknown,
 * revoked or made-up token would otherwise buy a fresh bucket per request), else the client IP.
 */
async function subjectFor(c: Context, kind: RouteClass["subject"]): Promise<string> {
  const token = kind === "token_or_ip" ? bearerToken(c.req.raw) : null;
  if (token && await verifiedToken(c, token)) return await tokenSubject(token);
  return ipSubject(requestIp(c));
}

async function verifiedToken(c: Context, token: string): Promise<boolean> {
  try {
    return await verifyApiToken(stateOf(c).services.db, token) !== null;
  } catch (error) {
    logger.warn("rate limit: token not verified", { error });
    return false;
  }
}

/**
 * For handlers: counts `subject` (see client_ip.ts: `workspaceSubject`, `addressSubject`,
 * `sessionSubject`, `tokenSubject`, or `ipSubject(requestIp(ctx.hono))`) against `rule` and
 * throws the 429 when it is over. The result also feeds the response's `RateLimit-*` headers.
 */
export async function enforceRateLimit(
  ctx: { state: State; hono: Context },
  rule: RateRule,
  subject: string,
  options: { cost?: number } = {},
): Promise<RateLimitResult> {
  const result = await rateLimit(ctx.state.services.kv, rule, subject, options);
  remember(ctx.hono, result);
  if (!result.allowed) throw tooManyRequests(result);
  return result;
}

/** The route class of a request (first match in `classes`), if any. */
export function routeClassOf(
  method: string,
  path: string,
  classes: readonly RouteClass[] = routeClasses,
): RouteClass | undefined {
  return classes.find((rc) => (!rc.methods || rc.methods.includes(method)) && rc.path.test(path));
}

/**
 * Middleware: applies the route classes of `rules.ts`, answers 429 over the limit and sets the
 * `RateLimit-*` headers. When KV fails it lets the request through and logs a warning.
 */
export function rateLimits(classes: readonly RouteClass[] = routeClasses): MiddlewareHandler {
  return async (c, next) => {
    const rc = routeClassOf(c.req.method, new URL(c.req.url).pathname, classes);
    if (rc) {
      let result: RateLimitResult | undefined;
      try {
        result = await rateLimit(stateOf(c).services.kv, rc.rule, await subjectFor(c, rc.subject));
      } catch (error) {
        logger.warn("rate limit unavailable", { rule: rc.rule.name, error });
      }
      if (result) {
        remember(c, result);
        if (!result.allowed) throw tooManyRequests(result);
      }
    }
    await next();
    const tightest = c.get("rateLimit");
    if (tightest) rateLimitHeaders(tightest).forEach((v, k) => c.res.headers.set(k, v));
  };
}
