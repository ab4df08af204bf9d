/**
 * Which KV logs the demo feed writes and reads: the public log (the site's own traffic, shown
 * anonymized on the home page) and one log per workspace (its operators' dashboard). A
 * workspace's log only ever holds that workspace's events, so no event of workspace B can
 * reach a follower of A.
 */
import type { Services } from "../services.ts";
import { prefixes, workspaceDemoEventsPrefix } from "../../kv/keys.ts";

/** The public feed's log prefix. */
export const PUBLIC_FEED: Deno.KvKey = prefixes.demoEvents;

/** A workspace feed's log prefix. */
export function workspaceFeed(workspaceId: string): Deno.KvKey {
  return workspaceDemoEventsPrefix(workspaceId);
}

const SITE_CACHE_MS = 60_000;
const siteCache = new WeakMap<
  Services["db"],
  { slug: string; site: SiteWorkspace | null; at: number }
>();

/** The workspace that receives the site's own traffic, and why it is that one. */
export interface SiteWorkspace {
  id: string;
  slug: string;
  name: string;
  /** True when `SITE_WORKSPACE` names it; false when it is the instance's first workspace. */
  configured: boolean;
}

/**
 * The site's own workspace: the one `SITE_WORKSPACE` names, else the first workspace created on
 * the instance; null when the named one does not exist (yet) or there is no workspace at all.
 * A found workspace is cached for a minute; "none yet" is not, so the first workspace receives
 * traffic from the moment it exists.
 */
export async function siteWorkspace(
  services: Pick<Services, "settings" | "db">,
): Promise<SiteWorkspace | null> {
  const slug = services.settings.siteWorkspace ?? "";
  const cached = siteCache.get(services.db);
  if (cached && cached.slug === slug && Date.now() - cached.at < SITE_CACHE_MS) return cached.site;
  const rows = slug
    ? await services.db.query<{ id: string; slug: string; name: string }>(
      "select id, slug, name from tenants where slug = $1",
      [slug],
    )
    : await services.db.query<{ id: string; slug: string; name: string }>(
      "select id, slug, name from tenants order by created_at, id limit 1",
    );
  const site = rows[0] ? { ...rows[0], configured: slug !== "" } : null;
  if (site || slug) siteCache.set(services.db, { slug, site, at: Date.now() });
  return site;
}

/** The id of {@link siteWorkspace}, or null. */
export async function siteWorkspaceId(
  services: Pick<Services, "settings" | "db">,
): Promise<string | null> {
  return (await siteWorkspace(services))?.id ?? null;
}
