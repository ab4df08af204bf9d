/** Opaque keyset cursors (`created_at`, `id`, optionally a fit score) for sorted lists. */
import { fromBase64Url, toBase64Url } from "../security/signing.ts";

/** A position in a list ordered by (`fit desc`,) `created_at desc, id desc`. */
export interface Cursor {
  at: Date;
  id: string;
  /** The fit sort key of the position, for lists sorted by fit. */
  fit?: number;
}

/** The cursor as a URL-safe string. */
export function encodeCursor(c: Cursor): string {
  const parts: unknown[] = [c.at.toISOString(), c.id];
  if (c.fit !== undefined) parts.push(c.fit);
  return toBase64Url(new TextEncoder().encode(JSON.stringify(parts)));
}

/** The cursor in a string, or null when it is malformed. */
export function decodeCursor(text: string | undefined): Cursor | null {
  if (!text || text.length > 300) return null;
  const bytes = fromBase64Url(text);
  if (!bytes) return null;
  try {
    const [at, id, fit] = JSON.parse(new TextDecoder().decode(bytes));
    const date = new Date(at);
    if (typeof id !== "string" || typeof at !== "string" || Number.isNaN(date.getTime())) {
      return null;
    }
    if (fit !== undefined && !(Number.isInteger(fit) && fit >= -1 && fit <= 100)) return null;
    return fit === undefined ? { at: date, id } : { at: date, id, fit };
  } catch {
    return null;
  }
}
