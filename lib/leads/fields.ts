/**
 * The lead form's fields and their validation, shared by the server route and the ContactForm
 * island (zod/mini keeps the browser bundle small). Messages are written for people.
 */
import * as z from "zod/mini";
import { isStorableText, UNSTORABLE_TEXT } from "../validation/text_rule.ts";

const storable = z.refine<string>(isStorableText, UNSTORABLE_TEXT);

/** Where a form was sent from ("contact" page, "sales" variant on other pages). */
export const LEAD_SOURCES = ["contact", "sales", "pricing", "docs", "demo"] as const;

/** What a person types into the form. */
export const leadFieldsSchema = z.object({
  name: z.string().check(
    z.trim(),
    storable,
    z.minLength(1, "Please tell us your name."),
    z.maxLength(120, "Your name must be 120 characters or fewer."),
  ),
  email: z.string().check(
    z.trim(),
    storable,
    z.minLength(1, "Please enter your work email."),
    z.maxLength(254, "That email address is too long."),
    z.regex(
      /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/,
      "Please enter an email address like name@company.com.",
    ),
  ),
  company: z.optional(
    z.string().check(
      z.trim(),
      storable,
      z.maxLength(120, "The company name must be 120 characters or fewer."),
    ),
  ),
  companyUrl: z.optional(
    z.string().check(
      z.trim(),
      storable,
      z.maxLength(300, "The website address must be 300 characters or fewer."),
      z.regex(
        /^https?:\/\/[^\s/$.?#][^\s]*$/i,
        "Please enter the website as an address like https://company.com.",
      ),
    ),
  ),
  message: z.string().check(
    z.trim(),
    storable,
    z.minLength(10, "Please write at least 10 characters so we know how to help."),
    z.maxLength(5000, "Please keep your message under 5,000 characters."),
  ),
  consent: z.literal(true, "Please agree so we can reply to you."),
});

/** The validated fields. */
export type LeadFields = z.infer<typeof leadFieldsSchema>;

/** Names of the visible fields. */
export type LeadFieldName = keyof LeadFields;

/** Per-field error messages (first problem of each field). */
export type FieldErrors = Partial<Record<LeadFieldName, string>>;

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
