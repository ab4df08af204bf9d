/**
 * The signed form token rendered into every lead form: when it was issued (for the minimum
 * fill time) and a nonce (so a double submit of one rendered form makes one lead).
 */
import { signJson, verifyJson } from "../security/signing.ts";
import type { Settings } from "../config.ts";

/** How long a rendered form can be sent. */
export const FORM_TOKEN_TTL_S = 6 * 3600;

/** What a genuine token holds. */
export interface FormToken {
  nonce: string;
  issuedAt: number;
}

/** A new token for a form rendered now. */
export function issueFormToken(settings: Settings, now = Date.now()): Promise<string> {
  return signJson(settings.sessionSecrets, {
    p: "lead_form",
    n: crypto.randomUUID(),
    t: now,
  }, { expiresIn: FORM_TOKEN_TTL_S, now });
}

/** The token's content, or null when it is missing, forged or expired. */
export async function readFormToken(
  settings: Settings,
  token: unknown,
  now = Date.now(),
): Promise<FormToken | null> {
  if (typeof token !== "string" || token === "") return null;
  const value = await verifyJson<{ p: string; n: string; t: number }>(
    settings.sessionSecrets,
    token,
    { now },
  );
  if (!value || value.p !== "lead_form" || typeof value.n !== "string") return null;
  if (typeof value.t !== "number" || value.t > now + 60_000) return null;
  return { nonce: value.n, issuedAt: value.t };
}
