/**
 * Whose rows a workspace's dashboard shows: its own (`tenant_id`), and, for the site's own
 * workspace (`SITE_WORKSPACE`), also the anonymous ones (`tenant_id is null`: demo runs and
 * contact-form leads from visitors without an account).
 */
import type { Services } from "../services.ts";
import { siteWorkspaceId } from "../tracking/feeds.ts";

/** The rows a dashboard may read: `tenant_id = id`, plus anonymous rows when `site`. */
export interface DataScope {
  tenantId: string;
  site: boolean;
}

/** The scope of a workspace. */
export async function dataScope(
  services: Pick<Services, "settings" | "db">,
  tenantId: string,
): Promise<DataScope> {
  return { tenantId, site: (await siteWorkspaceId(services)) === tenantId };
}

/**
 * SQL condition on `tenant_id` for a scope, with its two parameters at `$first` and
 * `$first + 1` (push `scope.tenantId` and `scope.site`, in that order).
 */
export function ownedBy(first: number, column = "tenant_id"): string {
  return `(${column} = $${first} or (${column} is null and $${first + 1}::boolean))`;
}
