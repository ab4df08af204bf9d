/** The ticket categories the support-triage agent assigns (and operators may correct to). */
import { CATEGORY_CUES } from "../agents/tools/ticket_words.ts";

/** Every category, in the classifier's order, `other` last. */
export const TICKET_CATEGORIES: readonly string[] = [...Object.keys(CATEGORY_CUES), "other"];

/** True for a category the classifier can produce. */
export function isTicketCategory(value: string): boolean {
  return TICKET_CATEGORIES.includes(value);
}
