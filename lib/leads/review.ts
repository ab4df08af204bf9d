/**
 * Held leads: a lead sent without a captcha (the contact form without JavaScript) is stored
 * held. It is neither qualified nor announced and is left out of the dashboard's and reports'
 * lead counts until an operator accepts it; accepting releases it (it is queued for
 * qualification, which then sends its notifications) and is audited by the caller.
 */
import type { Services } from "../services.ts";
import { enqueueQualification } from "./qualification.ts";

/** SQL condition for leads that count (not held), on the `leads` table or an alias of it. */
export function countedLead(alias = ""): string {
  return `not ${alias ? `${alias}.` : ""}held`;
}

/**
 * Accepts a held lead as `actorId`: it is counted from now on, qualified and announced.
 * False when the lead is not held (already accepted, or verified by a captcha).
 */
export async function acceptHeldLead(
  services: Services,
  leadId: string,
  actorId: string,
): Promise<boolean> {
  const rows = await services.db.query<{ id: string }>(
    `update leads set held = false, accepted_at = now(), accepted_by = $2, updated_at = now(),
       qualification_status = 'pending' where id = $1 and held returning id`,
    [leadId, actorId],
  );
  if (rows.length === 0) return false;
  await enqueueQualification(services, leadId);
  return true;
}
