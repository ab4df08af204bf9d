/**
 * Pending OAuth/OIDC sign-ins: `["oauth_states", state]` holds the PKCE verifier, the nonce,
 * the `next` path and a digest of a browser-binding cookie, for 10 minutes, and is deleted
 * atomically on first use (single use).
 */
import type { Services } from "../../services.ts";
import { oauthStateKey } from "../../../kv/keys.ts";

/** How long a started sign-in may take. */
export const OAUTH_STATE_TTL_MS = 10 * 60 * 1000;

/** What a pending sign-in remembers. */
export interface PendingSignIn {
  provider: string;
  codeVerifier: string;
  nonce: string | null;
  next: string | null;
  /** SHA-256 of the binding cookie's value (the callback must come from the same browser). */
  bindingHash: string;
  /** Epoch milliseconds. */
  createdAt: number;
}

/** Stores a pending sign-in under its state value. */
export async function savePending(
  services: Pick<Services, "kv">,
  state: string,
  pending: PendingSignIn,
): Promise<void> {
  await services.kv.set(oauthStateKey(state), pending, { expireIn: OAUTH_STATE_TTL_MS });
}

/** Takes (reads and deletes) a pending sign-in; null when unknown, expired or already used. */
export async function takePending(
  services: Pick<Services, "kv">,
  state: string,
): Promise<PendingSignIn | null> {
  if (!/^[A-Za-z0-9_-]{16,128}$/.test(state)) return null;
  const key = oauthStateKey(state);
  const entry = await services.kv.get<PendingSignIn>(key);
  if (!entry.value) return null;
  const result = await services.kv.atomic().check(entry).delete(key).commit();
  if (!result.ok) return null;
  return Date.now() - entry.value.createdAt > OAUTH_STATE_TTL_MS ? null : entry.value;
}
