/**
 * Demo keys: short-lived HMAC tokens that let pages record demo events without an account, so
 * random clients cannot spam the feed. A key is issued per time window (the same for every
 * page rendered in that window, which lets cached static pages carry it), signed with the
 * newest of `settings.demoKeySecrets` and accepted under any listed key (rotation: prepend a
 * new secret, drop the old one after {@link DEMO_KEY_MAX_AGE_MS}).
 */
import type { Settings } from "../config.ts";
import { signJson, verifyJson } from "../security/signing.ts";

declare module "../framework/types.ts" {
  /** What the demo-key middleware (demo_key_middleware.ts) adds to every request's state. */
  interface State {
    /** The demo key pages embed so their scripts may record demo events. */
    demoKey?: string;
  }
}

/** The request header carrying the key back to `POST /demo/record`. */
export const DEMO_KEY_HEADER = "x-demo-key";

/** Keys are issued per window of this length. */
export const DEMO_KEY_WINDOW_MS = 30 * 60 * 1000;

/** A key stays valid this long after its window ends. */
export const DEMO_KEY_GRACE_MS = 60 * 60 * 1000;

/** The longest a key lives: one window plus the grace period. */
export const DEMO_KEY_MAX_AGE_MS = DEMO_KEY_WINDOW_MS + DEMO_KEY_GRACE_MS;

const PURPOSE = "demo";

type Keys = Pick<Settings, "demoKeySecrets">;

/** The window number of a time. */
export function demoKeyWindow(now = Date.now()): number {
  return Math.floor(now / DEMO_KEY_WINDOW_MS);
}

/** When a key issued at `now` expires (epoch ms, whole seconds). */
export function demoKeyExpiry(now = Date.now()): number {
  const end = (demoKeyWindow(now) + 1) * DEMO_KEY_WINDOW_MS + DEMO_KEY_GRACE_MS;
  return Math.floor(end / 1000) * 1000;
}

/** Issues the key of the window containing `now`. */
export function issueDemoKey(settings: Keys, now = Date.now()): Promise<string> {
  const expiresIn = (demoKeyExpiry(now) - now) / 1000;
  return signJson(settings.demoKeySecrets, { p: PURPOSE, w: demoKeyWindow(now) }, {
    expiresIn,
    now,
  });
}

const cache = new WeakMap<readonly string[], { window: number; key: Promise<string> }>();

/** The current window's key, computed once per window and secret list. */
export function currentDemoKey(settings: Keys, now = Date.now()): Promise<string> {
  const window = demoKeyWindow(now);
  const cached = cache.get(settings.demoKeySecrets);
  if (cached?.window === window) return cached.key;
  const key = issueDemoKey(settings, now);
  cache.set(settings.demoKeySecrets, { window, key });
  return key;
}

/** Why a key was refused, or null when it is genuine and current. */
export async function demoKeyProblem(
  settings: Keys,
  key: string | null,
  now = Date.now(),
): Promise<"missing" | "invalid" | null> {
  if (!key) return "missing";
  if (key.length > 512) return "invalid";
  const payload = await verifyJson<{ p?: unknown; w?: unknown }>(settings.demoKeySecrets, key, {
    now,
  });
  if (!payload || payload.p !== PURPOSE || typeof payload.exp !== "number") return "invalid";
  if (payload.exp * 1000 - now > DEMO_KEY_MAX_AGE_MS + 1000) return "invalid";
  return null;
}
