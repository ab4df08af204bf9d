/**
 * The lead form's fields and their zod validation at the server's edge, built from the plain
 * rules in lib/leads/field_rules.ts that the ContactForm island checks with (no zod in the
 * browser). Messages are written for people.
 */
import * as z from "zod/mini";
import { isStorableText, UNSTORABLE_TEXT } from "../validation/text_rule.ts";
import {
  type FieldErrors,
  LEAD_CONSENT_MESSAGE,
  LEAD_TEXT_RULES,
  type LeadFieldName,
  type TextRule,
} from "./field_rules.ts";

export type { FieldErrors, LeadFieldName };

const storable = z.refine<string>(isStorableText, UNSTORABLE_TEXT);

function text(rule: TextRule) {
  return z.string().check(
    z.trim(),
    storable,
    ...(rule.required ? [z.minLength(rule.min?.[0] ?? 1, rule.min?.[1] ?? rule.required)] : []),
    z.maxLength(rule.max[0], rule.max[1]),
    ...(rule.pattern ? [z.regex(rule.pattern[0], rule.pattern[1])] : []),
  );
}

/** Where a form was sent from ("contact" page, "sales" variant on other pages). */
export const LEAD_SOURCES = ["contact", "sales", "pricing", "docs", "demo"] as const;

/** What a person types into the form. */
export const leadFieldsSchema = z.object({
  name: text(LEAD_TEXT_RULES.name),
  email: text(LEAD_TEXT_RULES.email),
  company: z.optional(text(LEAD_TEXT_RULES.company)),
  companyUrl: z.optional(text(LEAD_TEXT_RULES.companyUrl)),
  message: text(LEAD_TEXT_RULES.message),
  consent: z.literal(true, LEAD_CONSENT_MESSAGE),
});

/** The validated fields. */
export type LeadFields = z.infer<typeof leadFieldsSchema>;

/** Turns raw strings (form or JSON) into typed input: `consent` "on"/"true"/true -> true. */
export function normalizeLeadInput(raw: Record<string, unknown>): Record<string, unknown> {
  const str = (
    v: unknown,
  ) => (typeof v === "string" ? v : v === undefined || v === null ? "" : String(v));
  const consent = raw.consent === true || raw.consent === "on" || raw.consent === "true";
  const company = str(raw.company).trim();
  const companyUrl = str(raw.companyUrl).trim();
  return {
    name: str(raw.name),
    email: str(raw.email),
    ...(company ? { company } : {}),
    ...(companyUrl ? { companyUrl } : {}),
    message: str(raw.message),
    consent,
  };
}

/** Validates input; either the fields or the first message per field. */
export function validateLead(
  raw: Record<string, unknown>,
): { ok: true; value: LeadFields } | { ok: false; errors: FieldErrors } {
  const result = z.safeParse(leadFieldsSchema, normalizeLeadInput(raw));
  if (result.success) return { ok: true, value: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path[0] as LeadFieldName;
    errors[field] ??= issue.message;
  }
  return { ok: false, errors };
}
