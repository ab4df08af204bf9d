/**
 * Browser sessions in KV: `["sessions", id]` holds the user and workspace ids with an idle and
 * an absolute expiry; `["user_sessions", userId, id]` indexes them per user for "list active
 * sessions" and "sign out everywhere". The cookie carries the id signed with
 * `settings.sessionSecrets` (newest first; every key verifies). Signing in always issues a new
 * id and ends the session the browser had before (no fixation).
 */
import type { MiddlewareHandler } from "hono";
import { stateOf } from "../framework/mod.ts";
import type { FreshContext } from "../framework/mod.ts";
import type { Services } from "../services.ts";
import { sign, toBase64Url, verify } from "../security/signing.ts";
import { addLogContext, logger } from "../telemetry/log.ts";
import { sessionKey, userSessionKey, userSessionsPrefix } from "../../kv/keys.ts";
import { readCookie, serializeCookie } from "./cookies.ts";
import type { Session } from "./types.ts";
import { cachedIdentity } from "./identity_cache.ts";

/** A session ends after this long without a request. */
export const SESSION_IDLE_MS = 7 * 24 * 60 * 60 * 1000;
/** A session ends this long after sign-in, however active. */
export const SESSION_ABSOLUTE_MS = 30 * 24 * 60 * 60 * 1000;
/** `lastSeenAt` is written at most this often. */
const TOUCH_EVERY_MS = 60 * 1000;
/** Base name of the session cookie (`__Host-session`, or `session` on local http). */
export const SESSION_COOKIE = "session";

type Kv = Pick<Services, "kv">;

const ttl = (s: Session, now: number) =>
  Math.max(1, Math.min(s.lastSeenAt + SESSION_IDLE_MS, s.expiresAt) - now);

const isLive = (s: Session, now: number) =>
  now < s.expiresAt && now < s.lastSeenAt + SESSION_IDLE_MS;

async function save({ kv }: Kv, s: Session, now: number): Promise<void> {
  const expireIn = ttl(s, now);
  await kv.atomic()
    .set(sessionKey(s.id), s, { expireIn })
    .set(userSessionKey(s.userId, s.id), s.createdAt, { expireIn: SESSION_ABSOLUTE_MS })
    .commit();
}

/** Creates a session; when `replaces` names the browser's previous session, that one ends. */
export async function createSession(
  services: Kv,
  input: {
    userId: string;
    workspaceId: string | null;
    userAgent?: string | null;
    replaces?: string;
  },
): Promise<Session> {
  if (input.replaces) await destroySession(services, input.replaces);
  const now = Date.now();
  const session: Session = {
    id: toBase64Url(crypto.getRandomValues(new Uint8Array(32))),
    userId: input.userId,
    workspaceId: input.workspaceId,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: now + SESSION_ABSOLUTE_MS,
    userAgent: describeUserAgent(input.userAgent ?? ""),
  };
  await save(services, session, now);
  return session;
}

/** The live session with this id, or null (expired sessions are deleted on sight). */
export async function readSession(services: Kv, id: string): Promise<Session | null> {
  const entry = await services.kv.get<Session>(sessionKey(id));
  const s = entry.value;
  if (!s) return null;
  if (!isLive(s, Date.now())) {
    await destroySession(services, id);
    return null;
  }
  return s;
}

/** Records activity (at most once a minute), extending the idle expiry. */
export async function touchSession(services: Kv, s: Session): Promise<Session> {
  const now = Date.now();
  if (now - s.lastSeenAt < TOUCH_EVERY_MS) return s;
  const next = { ...s, lastSeenAt: now };
  await save(services, next, now);
  return next;
}

/** Switches the session's current workspace. */
export async function setSessionWorkspace(
  services: Kv,
  s: Session,
  workspaceId: string | null,
): Promise<Session> {
  const next = { ...s, workspaceId };
  await save(services, next, Date.now());
  return next;
}

/** Ends one session. */
export async function destroySession(services: Kv, id: string): Promise<void> {
  const entry = await services.kv.get<Session>(sessionKey(id));
  const op = services.kv.atomic().delete(sessionKey(id));
  if (entry.value) op.delete(userSessionKey(entry.value.userId, id));
  await op.commit();
}

/** A user's live sessions, newest first. */
export async function listUserSessions(services: Kv, userId: string): Promise<Session[]> {
  const out: Session[] = [];
  for await (const entry of services.kv.list({ prefix: userSessionsPrefix(userId) })) {
    const id = String(entry.key[2]);
    const s = await readSession(services, id);
    if (s) out.push(s);
    else await services.kv.delete(entry.key);
  }
  return out.sort((a, b) => b.createdAt - a.createdAt);
}

/** Ends every session of a user ("sign out everywhere"); returns how many ended. */
export async function destroyUserSessions(services: Kv, userId: string): Promise<number> {
  let count = 0;
  for await (const entry of services.kv.list({ prefix: userSessionsPrefix(userId) })) {
    const id = String(entry.key[2]);
    await services.kv.atomic().delete(sessionKey(id)).delete(entry.key).commit();
    count++;
  }
  return count;
}

/** The `Set-Cookie` value carrying the signed session id (lives until the absolute expiry). */
export async function sessionCookie(
  services: Pick<Services, "settings">,
  url: URL,
  s: Session,
): Promise<string> {
  const value = await sign(services.settings.sessionSecrets, s.id);
  return serializeCookie(
    services.settings,
    url,
    SESSION_COOKIE,
    value,
    (s.expiresAt - Date.now()) / 1000,
  );
}

/** The `Set-Cookie` value that removes the session cookie. */
export function clearSessionCookie(services: Pick<Services, "settings">, url: URL): string {
  return serializeCookie(services.settings, url, SESSION_COOKIE, "", 0);
}

/** Genuine cookie values already verified, per key list (the HMAC is checked once per value). */
const verifiedCookies = new WeakMap<readonly string[], Map<string, string>>();
const MAX_VERIFIED_COOKIES = 10_000;

/** The session id the request's cookie carries, when its signature verifies. */
export async function sessionIdFromRequest(
  services: Pick<Services, "settings">,
  req: Request,
  url: URL,
): Promise<string | null> {
  const raw = readCookie(services.settings, req, url, SESSION_COOKIE);
  if (!raw || raw.length > 512) return null;
  const keys = services.settings.sessionSecrets;
  let known = verifiedCookies.get(keys);
  const hit = known?.get(raw);
  if (hit) return hit;
  const id = await verify(keys, raw);
  if (id) {
    if (!known) verifiedCookies.set(keys, known = new Map());
    if (known.size >= MAX_VERIFIED_COOKIES) known.delete(known.keys().next().value!);
    known.set(raw, id);
  }
  return id;
}

/**
 * Signs a user in on this request: ends the browser's current session, creates a new one and
 * returns it with the `Set-Cookie` value to send.
 */
export async function startSession(
  ctx: Pick<FreshContext, "state" | "req" | "url">,
  input: { userId: string; workspaceId: string | null },
): Promise<{ session: Session; cookie: string }> {
  const services = ctx.state.services;
  const previous = ctx.state.session?.id ??
    await sessionIdFromRequest(services, ctx.req, ctx.url) ?? undefined;
  const session = await createSession(services, {
    ...input,
    userAgent: ctx.req.headers.get("user-agent"),
    replaces: previous,
  });
  return { session, cookie: await sessionCookie(services, ctx.url, session) };
}

const SESSION_COOKIE_PRESENT = new RegExp(`(^|;)\\s*(__Host-)?${SESSION_COOKIE}=`);

/**
 * True when the request carries a session cookie, valid or not (cheap: no signature check).
 * Requests without one are anonymous and may share cached pages before any middleware.
 */
export function carriesSessionCookie(req: Request): boolean {
  const cookie = req.headers.get("cookie");
  return cookie !== null && SESSION_COOKIE_PRESENT.test(cookie);
}

const ASSET = /^\/_islands\/|\.(css|js|mjs|map|svg|png|jpe?g|gif|webp|avif|ico|woff2?|ttf)$/i;

/**
 * Puts `state.session`, `state.user` and `state.workspace` on requests that carry a valid
 * session cookie. A session whose user is gone ends; one whose workspace membership ended
 * moves to another of the user's workspaces. A database outage leaves `user` unset (public
 * pages still work; `authorize` answers 503).
 */
export function sessionMiddleware(): MiddlewareHandler {
  return async (c, next) => {
    const url = new URL(c.req.url);
    if (ASSET.test(url.pathname)) return await next();
    const state = stateOf(c);
    const services = state.services;
    const id = await sessionIdFromRequest(services, c.req.raw, url);
    let session = id ? await readSession(services, id) : null;
    if (session) {
      try {
        const identity = await cachedIdentity(services.db, session.userId, session.workspaceId);
        if (!identity) {
          await destroySession(services, session.id);
          session = null;
        } else {
          if ((identity.workspace?.id ?? null) !== session.workspaceId) {
            session = await setSessionWorkspace(services, session, identity.workspace?.id ?? null);
          }
          state.user = identity.user;
          state.workspace = identity.workspace ?? undefined;
          state.workspaces = identity.workspaces;
          addLogContext({ userId: identity.user.id, workspaceId: identity.workspace?.id });
        }
      } catch (error) {
        logger.warn("session identity unavailable", { error, requestId: state.requestId });
      }
      if (session) state.session = await touchSession(services, session);
    }
    await next();
  };
}

/** "Firefox on Linux"-style summary of a User-Agent header (no version numbers). */
export function describeUserAgent(ua: string): string {
  const browser = /Edg\//.test(ua)
    ? "Edge"
    : /Firefox\//.test(ua)
    ? "Firefox"
    : /Chrom(e|ium)\//.test(ua)
    ? "Chrome"
    : /Safari\//.test(ua)
    ? "Safari"
    : ua
    ? "Another client"
    : "Unknown client";
  const os = /Windows/.test(ua)
    ? " on Windows"
    : /Android/.test(ua)
    ? " on Android"
    : /iPhone|iPad/.test(ua)
    ? " on iOS"
    : /Mac OS X/.test(ua)
    ? " on macOS"
    : /Linux/.test(ua)
    ? " on Linux"
    : "";
  return browser + os;
}
