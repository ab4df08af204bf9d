/**
 * Text that can be stored: PostgreSQL refuses the NUL character in `text` and `jsonb`, and an
 * unpaired UTF-16 surrogate in `jsonb` (elsewhere it silently becomes U+FFFD). Input carrying
 * either is refused at the edge with a 400 by the one refinement below, used by every text
 * input schema (the lead form's zod/mini schema uses the same rule, from text_rule.ts); text the app makes itself (a model's output, a document's extracted text) is
 * cleaned with {@link storableText} instead.
 */
import { z } from "zod";
import { isStorableText, UNSTORABLE_TEXT } from "./text_rule.ts";

export { isStorableText, UNSTORABLE_TEXT };

/** A zod string that refuses unstorable text: use it instead of `z.string()` for input. */
export function text(): z.ZodString {
  return z.string().refine(isStorableText, { message: UNSTORABLE_TEXT });
}

/** The path of the first unstorable string (object keys included) in a JSON value, or null. */
export function unstorablePath(
  value: unknown,
  path: (string | number)[] = [],
): (string | number)[] | null {
  if (typeof value === "string") return isStorableText(value) ? null : path;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = unstorablePath(value[i], [...path, i]);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (!isStorableText(k)) return [...path, k];
      const found = unstorablePath(v, [...path, k]);
      if (found) return found;
    }
  }
  return null;
}

/** `schema` refined so that no string anywhere inside the value is unstorable. */
export function storable<T extends z.ZodType>(schema: T): T {
  return schema.superRefine((value, ctx) => {
    const path = unstorablePath(value);
    if (path) ctx.addIssue({ code: "custom", message: UNSTORABLE_TEXT, path });
  }) as T;
}

/** `s` made storable: NULs removed, unpaired surrogates replaced by U+FFFD. */
export function storableText(s: string): string {
  return s.replaceAll("\u0000", "").toWellFormed();
}
