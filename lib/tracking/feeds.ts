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
const siteCache = new WeakMap<Services["db"], { slug: string; id: string | null; at: number }>();

/**
 * The id of the workspace named by `SITE_WORKSPACE` (cached for a minute), or null when none
 * is configured or it does not exist (yet).
 */
export async function siteWorkspaceId(
  services: Pick<Services, "settings" | "db">,
): Promise<string | null> {
  const slug = services.settings.siteWorkspace;
  if (!slug) return null;
  const cached = siteCache.get(services.db);
  if (cached && cached.slug === slug && Date.now() - cached.at < SITE_CACHE_MS) return cached.id;
  const rows = await services.db.query<{ id: string }>(
    "select id from tenants where slug = $1",
    [slug],
  );
  const id = rows[0]?.id ?? null;
  siteCache.set(services.db, { slug, id, at: Date.now() });
  return id;
}
