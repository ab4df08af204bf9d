/**
 * The rule for storable text, without zod (so the browser bundle of the lead form can use it
 * with zod/mini): PostgreSQL refuses NUL in `text` and `jsonb`, and an unpaired UTF-16
 * surrogate in `jsonb`.
 */

/** The message shown for unstorable text (the field's path says where). */
export const UNSTORABLE_TEXT =
  "Text must not contain NUL characters or unpaired surrogate code units.";

/** True when `s` has no NUL and no unpaired surrogate. */
export function isStorableText(s: string): boolean {
  return !s.includes("\u0000") && s.isWellFormed();
}
