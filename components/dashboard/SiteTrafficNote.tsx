import type { SiteWorkspace } from "../../lib/tracking/feeds.ts";

/**
 * Where the site's own traffic (visitors' demo runs, contact-form leads, page views) goes, as
 * seen from one workspace's overview.
 */
export function SiteTrafficNote(
  { site, slug, configuredSlug }: {
    site: SiteWorkspace | null;
    slug: string;
    configuredSlug?: string;
  },
) {
  let text: string;
  if (site?.slug === slug) {
    text = site.configured
      ? "Site traffic comes here: visitors' demo runs, contact-form leads and page views (SITE_WORKSPACE names this workspace)."
      : "Site traffic comes here: visitors' demo runs, contact-form leads and page views, because this is the first workspace on this instance. Set SITE_WORKSPACE to send it elsewhere.";
  } else if (site) {
    text =
      `Site traffic (visitors' demo runs, contact-form leads and page views) goes to the workspace "${site.name}", not here.`;
  } else {
    text = configuredSlug
      ? `SITE_WORKSPACE names "${configuredSlug}", which does not exist: site traffic reaches no dashboard.`
      : "Site traffic reaches no dashboard yet.";
  }
  return (
    <aside class="notice site-traffic" aria-label="Site traffic" data-site-traffic>
      {text}
    </aside>
  );
}
