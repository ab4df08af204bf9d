import { asset, type Meta } from "../lib/framework/mod.ts";
import { siteConfig } from "../lib/site_config.ts";
import { JsonLd } from "./JsonLd.tsx";
import { siteStructuredData } from "./structured_data.ts";

/** The site's web font, as styles.css's `@font-face` names it (preloaded with the same URL). */
export const FONT_URL = "/fonts/inter-latin-wght-normal.woff2";

/**
 * The `<head>` of every page: title, description, canonical URL, Open Graph, Twitter, JSON-LD,
 * and the demo key page scripts send with demo-feed events.
 */
export function Head(
  { meta, url, origin, demoKey, traceparent }: {
    meta: Meta;
    url: URL;
    origin: string;
    demoKey?: string;
    /** The page request's W3C trace context, for islands (lib/telemetry/browser.ts). */
    traceparent?: string;
  },
) {
  const title = meta.title
    ? `${meta.title} · ${siteConfig.name}`
    : `${siteConfig.name}: ${siteConfig.tagline}`;
  const description = meta.description ?? siteConfig.description;
  const canonical = new URL(meta.canonical ?? url.pathname, `${origin}/`).href;
  const image = `${origin}/og-image.jpg`;
  return (
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>{title}</title>
      <meta name="description" content={description} />
      {meta.noindex && <meta name="robots" content="noindex" />}
      <link rel="canonical" href={canonical} />
      <link rel="icon" href={asset("/favicon.svg")} type="image/svg+xml" />
      <link
        rel="preload"
        href={FONT_URL}
        as="font"
        type="font/woff2"
        crossorigin="anonymous"
      />
      <link rel="stylesheet" href={asset("/styles.css")} />
      {demoKey && <meta name="demo-key" content={demoKey} />}
      {traceparent && <meta name="traceparent" content={traceparent} />}
      <meta name="theme-color" content="#ffffff" media="(prefers-color-scheme: light)" />
      <meta name="theme-color" content="#0d0f17" media="(prefers-color-scheme: dark)" />
      <meta property="og:type" content={meta.ogType ?? "website"} />
      <meta property="og:site_name" content={siteConfig.name} />
      <meta property="og:title" content={meta.title ?? siteConfig.name} />
      <meta property="og:description" content={description} />
      <meta property="og:url" content={canonical} />
      <meta property="og:image" content={image} />
      <meta property="og:image:width" content="1200" />
      <meta property="og:image:height" content="630" />
      <meta property="og:locale" content="en_GB" />
      <meta name="twitter:card" content="summary_large_image" />
      <meta name="twitter:title" content={meta.title ?? siteConfig.name} />
      <meta name="twitter:description" content={description} />
      <meta name="twitter:image" content={image} />
      <JsonLd data={siteStructuredData(origin)} />
      {(meta.jsonLd ?? []).map((d, i) => <JsonLd key={i} data={d} />)}
    </head>
  );
}
