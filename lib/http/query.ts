/** Query strings validated at the edge: a value the schema refuses is a 400, never a 500. */
import type { z } from "zod";
import { HttpError } from "../framework/mod.ts";

/**
 * The URL's query parameters parsed by `schema`, or a 400 (`bad_query`) naming the parameters
 * it refused; pages show it on the friendly error page, APIs as JSON.
 */
export function parseQuery<S extends z.ZodType>(schema: S, url: URL): z.output<S> {
  const parsed = schema.safeParse(Object.fromEntries(url.searchParams));
  if (parsed.success) return parsed.data;
  const fields = [...new Set(parsed.error.issues.map((i) => String(i.path[0] ?? "query")))];
  throw new HttpError(
    400,
    "bad_query",
    `This address has a value we cannot use (${
      fields.join(", ")
    }). Start again from the first page.`,
    {},
    { fields },
  );
}
