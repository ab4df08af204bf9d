import type { Handlers } from "../lib/framework/mod.ts";
import { PRIVATE_PREFIXES } from "../lib/sitemap.ts";

/** `GET /robots.txt`: keep crawlers out of private areas and point them at the sitemap. */
export const handler: Handlers = {
  GET: (ctx) => {
    const origin = ctx.state.services.settings.publicUrl;
    const lines = [
      "User-agent: *",
      ...PRIVATE_PREFIXES.map((p) => `Disallow: ${p}`),
      "Allow: /",
      "",
      `Sitemap: ${origin}/sitemap.xml`,
      "",
    ];
    return new Response(lines.join("\n"), {
      headers: {
        "content-type": "text/plain; charset=utf-8",
        "cache-control": "public, max-age=3600",
      },
    });
  },
};
