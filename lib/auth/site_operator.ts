/** Site operators: the people who run this instance (`SITE_OPERATORS`), not workspace owners. */
import type { Settings } from "../config.ts";
import type { AuthUser } from "./types.ts";

/** True when `user`'s email is listed in `SITE_OPERATORS` (case-insensitive). */
export function isSiteOperator(
  settings: Pick<Settings, "siteOperators">,
  user: Pick<AuthUser, "email"> | null | undefined,
): boolean {
  return !!user && settings.siteOperators.includes(user.email.trim().toLowerCase());
}
