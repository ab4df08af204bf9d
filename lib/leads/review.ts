/**
 * Held leads: a lead sent without a captcha (the contact form without JavaScript) is stored
 * held. It notifies no one and is left out of the dashboard's and reports' lead counts until an
 * operator accepts it; accepting releases it (its notifications are created and sent) and is
 * audited by the caller.
 */
import { enqueueLeadNotifications } from "../notify/lead_notifications.ts";
import type { Services } from "../services.ts";
import { addNotifications } from "./sink.ts";

/** SQL condition for leads that count (not held), on the `leads` table or an alias of it. */
export function countedLead(alias = ""): string {
  return `not ${alias ? `${alias}.` : ""}held`;
}

/**
 * Accepts a held lead as `actorId`: it is counted from now on and its notifications are sent.
 * False when the lead is not held (already accepted, or verified by a captcha).
 */
export async function acceptHeldLead(
  services: Services,
  leadId: string,
  actorId: string,
): Promise<boolean> {
  const released = await services.db.transaction(async (tx) => {
    const rows = await tx.query<{ id: string }>(
      `update leads set held = false, accepted_at = now(), accepted_by = $2, updated_at = now()
        where id = $1 and held returning id`,
      [leadId, actorId],
    );
    if (rows.length === 0) return false;
    await addNotifications(tx, services.settings, leadId);
    return true;
  });
  if (released) await enqueueLeadNotifications(services, leadId);
  return released;
}
