/** Opaque keyset cursors (`created_at`, `id`) for "newest first" lists. */
import { fromBase64Url, toBase64Url } from "../security/signing.ts";

/** A position in a list ordered by `created_at desc, id desc`. */
export interface Cursor {
  at: Date;
  id: string;
}

/** The cursor as a URL-safe string. */
export function encodeCursor(c: Cursor): string {
  return toBase64Url(new TextEncoder().encode(JSON.stringify([c.at.toISOString(), c.id])));
}

/** The cursor in a string, or null when it is malformed. */
export function decodeCursor(text: string | undefined): Cursor | null {
  if (!text || text.length > 300) return null;
  const bytes = fromBase64Url(text);
  if (!bytes) return null;
  try {
    const [at, id] = JSON.parse(new TextDecoder().decode(bytes));
    const date = new Date(at);
    if (typeof id !== "string" || typeof at !== "string" || Number.isNaN(date.getTime())) {
      return null;
    }
    return { at: date, id };
  } catch {
    return null;
  }
}
