/**
 * Cache refresh: builds this instance's in-memory caches that are costly on first use (the
 * Docs site and its search index), so no visitor pays for them after a deploy.
 */
import { docsSearchEntries, docsSearchIndex } from "../docs/search.ts";

/** Warms the caches; returns how many docs sections the search index covers. */
export async function refreshCaches(): Promise<{ docsSections: number }> {
  await docsSearchIndex();
  return { docsSections: (await docsSearchEntries()).length };
}
