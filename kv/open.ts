/** Opens Deno KV where the settings say: memory, a local file, Deno Deploy, or KV Connect. */
import type { Settings } from "../lib/config.ts";
import { isRemoteKv } from "./remote.ts";
import { withoutQueues } from "./without_queues.ts";

/**
 * Opens KV from `settings.kvPath`: ":memory:", "deploy" (Deno Deploy's own KV, no argument),
 * an http(s) URL (a KV Connect server such as denokv; token in DENO_KV_ACCESS_TOKEN), or a
 * file path, whose folder is created. With `kvQueues: false` a local KV refuses queues as KV
 * Connect does.
 */
export async function openKv(
  settings: Pick<Settings, "kvPath"> & Partial<Pick<Settings, "kvQueues">>,
): Promise<Deno.Kv> {
  const kv = await openKvAt(settings.kvPath);
  return settings.kvQueues === false && !isRemoteKv(settings.kvPath) ? withoutQueues(kv) : kv;
}

async function openKvAt(kvPath: string): Promise<Deno.Kv> {
  if (kvPath === "deploy" || kvPath === "") return await Deno.openKv();
  if (kvPath === ":memory:" || /^https?:\/\//.test(kvPath)) return await Deno.openKv(kvPath);
  const slash = kvPath.lastIndexOf("/");
  if (slash > 0) await Deno.mkdir(kvPath.slice(0, slash), { recursive: true });
  return await Deno.openKv(kvPath);
}

/** True when other instances write to the same KV and see its watches (Deploy, KV Connect). */
export const isSharedKv: (kvPath: string) => boolean = isRemoteKv;
