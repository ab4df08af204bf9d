/**
 * The lead form's field rules as plain data and one small checker, with no zod, so the
 * ContactForm island validates in the browser with a few hundred bytes; the server's zod schema
 * (lib/leads/fields.ts) is built from the same rules, so the two cannot drift.
 */
import { isStorableText, UNSTORABLE_TEXT } from "../validation/text_rule.ts";

/** One text field's rule: required or optional, length bounds and an optional pattern. */
export interface TextRule {
  /** Message when a required field is empty; absent for optional fields. */
  required?: string;
  /** Minimum length after trimming, with its message. */
  min?: [number, string];
  /** Maximum length after trimming, with its message. */
  max: [number, string];
  /** A pattern the trimmed value must match, with its message. */
  pattern?: [RegExp, string];
}

/** The text fields of the lead form and their rules. */
export const LEAD_TEXT_RULES = {
  name: {
    required: "Please tell us your name.",
    max: [120, "Your name must be 120 characters or fewer."],
  },
  email: {
    required: "Please enter your work email.",
    max: [254, "That email address is too long."],
    pattern: [
      /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/,
      "Please enter an email address like name@company.com.",
    ],
  },
  company: { max: [120, "The company name must be 120 characters or fewer."] },
  companyUrl: {
    max: [300, "The website address must be 300 characters or fewer."],
    pattern: [
      /^https?:\/\/[^\s/$.?#][^\s]*$/i,
      "Please enter the website as an address like https://company.com.",
    ],
  },
  message: {
    required: "Please write at least 10 characters so we know how to help.",
    min: [10, "Please write at least 10 characters so we know how to help."],
    max: [5000, "Please keep your message under 5,000 characters."],
  },
} satisfies Record<string, TextRule>;

/** Message when the consent box is not ticked. */
export const LEAD_CONSENT_MESSAGE = "Please agree so we can reply to you.";

/** Names of the lead form's visible fields. */
export type LeadFieldName = keyof typeof LEAD_TEXT_RULES | "consent";

/** Per-field error messages (first problem of each field). */
export type FieldErrors = Partial<Record<LeadFieldName, string>>;

/** The first problem of a text value under `rule`, or null (trimmed, as the server stores it). */
export function textProblem(value: string, rule: TextRule): string | null {
  const v = value.trim();
  if (!isStorableText(v)) return UNSTORABLE_TEXT;
  if (!v) return rule.required ?? null;
  if (rule.min && v.length < rule.min[0]) return rule.min[1];
  if (v.length > rule.max[0]) return rule.max[1];
  if (rule.pattern && !rule.pattern[0].test(v)) return rule.pattern[1];
  return null;
}

/** Checks the form's values in the browser: the first message per field, empty when valid. */
export function checkLeadFields(values: Record<string, string | boolean>): FieldErrors {
  const errors: FieldErrors = {};
  for (const [name, rule] of Object.entries(LEAD_TEXT_RULES)) {
    const problem = textProblem(String(values[name] ?? ""), rule as TextRule);
    if (problem) errors[name as LeadFieldName] = problem;
  }
  if (![true, "on", "true"].includes(values.consent)) errors.consent = LEAD_CONSENT_MESSAGE;
  return errors;
}
