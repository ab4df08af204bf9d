/** Which KV locations are remote (shared by instances, without queues). */

/** True for Deno Deploy's KV ("deploy" or empty) and KV Connect URLs (a denokv server). */
export function isRemoteKv(kvPath: string): boolean {
  return kvPath === "deploy" || kvPath === "" || /^https?:\/\//.test(kvPath);
}
