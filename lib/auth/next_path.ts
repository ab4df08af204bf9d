/** Post-sign-in redirects: only same-origin relative paths, never another site. */
import { sameSitePath } from "../framework/mod.ts";

/** Where a signed-in user lands when no (valid) `next` was given. */
export const DEFAULT_NEXT = "/dashboard";

/**
 * `raw` normalised when it is a same-origin relative path (`/dashboard?x=1`), else `fallback`.
 * Refuses scheme-relative (`//evil.example`), absolute (`https://evil.example`) and backslash
 * (`/\evil.example`) forms, control characters, and anything that resolves elsewhere once
 * normalised (`/..//evil.example`, `/.%2e//evil.example`).
 */
export function safeNext(raw: string | null | undefined, fallback = DEFAULT_NEXT): string {
  return sameSitePath(raw) ?? fallback;
}
