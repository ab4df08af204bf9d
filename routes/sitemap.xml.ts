import manifest from "../fresh.gen.ts";
import { getDocsSite } from "../lib/docs/store.ts";
import type { Handlers } from "../lib/framework/mod.ts";
import { publicRoutePaths, sitemapXml } from "../lib/sitemap.ts";

/** `GET /sitemap.xml`: every public page (routes from the manifest plus each docs page). */
export const handler: Handlers = {
  GET: async (ctx) => {
    const docs = await getDocsSite();
    const paths = [...publicRoutePaths(manifest), ...docs.pages.map((p) => p.url)];
    return new Response(sitemapXml(ctx.state.services.settings.publicUrl, paths), {
      headers: {
        "content-type": "application/xml; charset=utf-8",
        "cache-control": "public, max-age=3600",
      },
    });
  },
};
