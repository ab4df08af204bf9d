/**
 * A per-instance cache of signed-in identities ({@link loadIdentity}: the user, the session's
 * workspace with the role, every workspace they belong to), so a signed-in request costs no
 * query. Entries live at most {@link IDENTITY_CACHE_MS} and are dropped at once on any change
 * to users, memberships or tenants: by the writers in this process (`forgetIdentities`)
 * and, for other instances and hand-made SQL, by the `relay_identity` NOTIFY that a trigger
 * sends on commit (migration 0120). Without that subscription nothing is cached.
 */
import type { Db } from "../db/types.ts";
import { logger } from "../telemetry/log.ts";
import { forgetIdentities, identityGeneration } from "./identity_changes.ts";
import { loadIdentity } from "./workspaces.ts";

/** The longest an identity is reused (a bound for a NOTIFY lost while reconnecting). */
export const IDENTITY_CACHE_MS = 5_000;
/** The NOTIFY channel the migration-0120 triggers send on. */
export const IDENTITY_CHANNEL = "relay_identity";
const MAX_ENTRIES = 10_000;

type Identity = Awaited<ReturnType<typeof loadIdentity>>;

interface Cache {
  /** Whether the NOTIFY subscription is in place (nothing is cached without it). */
  listening: Promise<boolean>;
  entries: Map<string, { at: number; generation: number; identity: Identity }>;
}

const caches = new WeakMap<Db, Cache>();

function cacheOf(db: Db): Cache {
  const cache = caches.get(db);
  if (cache) return cache;
  const listening = db.listen(IDENTITY_CHANNEL, forgetIdentities).then(() => true, (error) => {
    logger.warn("identity cache off: listen failed", { error: (error as Error).message });
    return false;
  });
  const created: Cache = { listening, entries: new Map() };
  caches.set(db, created);
  return created;
}

/**
 * {@link loadIdentity}, reused for up to {@link IDENTITY_CACHE_MS} when nothing that makes an
 * identity up has changed since it was read.
 */
export async function cachedIdentity(
  db: Db,
  userId: string,
  workspaceId: string | null,
  now = Date.now(),
): Promise<Identity> {
  const cache = cacheOf(db);
  if (!await cache.listening) return await loadIdentity(db, userId, workspaceId);
  const key = `${userId}:${workspaceId ?? ""}`;
  const hit = cache.entries.get(key);
  if (hit && hit.generation === identityGeneration() && now - hit.at <= IDENTITY_CACHE_MS) {
    return hit.identity;
  }
  const readAt = identityGeneration();
  const identity = await loadIdentity(db, userId, workspaceId);
  if (readAt === identityGeneration()) {
    cache.entries.delete(key);
    if (cache.entries.size >= MAX_ENTRIES) cache.entries.delete(cache.entries.keys().next().value!);
    cache.entries.set(key, { at: now, generation: readAt, identity });
  }
  return identity;
}
