/** Request parsing for the demo feed routes: JSON bodies and query strings through zod, 400 on bad input. */
import type { z } from "zod";
import { HttpError } from "../framework/mod.ts";
import { UNSTORABLE_TEXT, unstorablePath } from "../validation/text.ts";

/** Parses `value` with `schema`, or throws a 400 `code` listing each problem. */
export function parseOr400<S extends z.ZodType>(
  schema: S,
  value: unknown,
  code: string,
  message: string,
): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new HttpError(400, code, message, {}, {
    issues: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
  });
}

/**
 * The request body as JSON (sent as `application/json` or `text/plain`), or a 400: also when
 * any string in it could not be stored (`invalid_text`, see lib/validation/text.ts).
 */
export async function jsonBody(req: Request): Promise<unknown> {
  let value: unknown;
  try {
    value = JSON.parse(await req.text());
  } catch {
    throw new HttpError(400, "invalid_json", "The request body is not valid JSON.");
  }
  refuseUnstorable(value);
  return value;
}

/** Throws a 400 `invalid_text` naming the first string in `value` that cannot be stored. */
export function refuseUnstorable(value: unknown): void {
  const path = unstorablePath(value);
  if (path) {
    throw new HttpError(400, "invalid_text", UNSTORABLE_TEXT, {}, {
      issues: [{ path: path.join("."), message: UNSTORABLE_TEXT }],
    });
  }
}

/** The query parameters as a plain object (last value wins). */
export function queryOf(url: URL): Record<string, string> {
  return Object.fromEntries(url.searchParams);
}
