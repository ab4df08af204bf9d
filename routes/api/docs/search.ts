import { z } from "zod";
import { searchDocs } from "../../../lib/docs/search.ts";
import { type Handlers, HttpError } from "../../../lib/framework/mod.ts";

const paramsSchema = z.object({
  q: z.string().trim().min(1, "q is required").max(200, "q is at most 200 characters"),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});

/** `GET /api/docs/search?q=&limit=`: docs search hits as JSON (the search island uses it). */
export const handler: Handlers = {
  GET: async (ctx) => {
    const parsed = paramsSchema.safeParse({
      q: ctx.url.searchParams.get("q") ?? "",
      limit: ctx.url.searchParams.get("limit") ?? undefined,
    });
    if (!parsed.success) {
      throw new HttpError(400, "bad_query", parsed.error.issues[0].message);
    }
    const hits = await searchDocs(parsed.data.q, parsed.data.limit);
    return Response.json({ query: parsed.data.q, hits }, {
      headers: { "cache-control": "public, max-age=60" },
    });
  },
};
