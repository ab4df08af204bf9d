/**
 * The generation of signed-in identities in this process: it moves on every change to users,
 * memberships or tenants, and identities cached under an older one are not reused
 * (`identity_cache.ts`).
 */
let generation = 0;

/** Drops every cached identity in this process (call after committing a change to them). */
export function forgetIdentities(): void {
  generation++;
}

/** The current generation. */
export function identityGeneration(): number {
  return generation;
}
