/** The props of the ContactForm island (JSON only), shared by the routes that render it. */
import type { FieldErrors } from "./fields.ts";

/** What the browser needs to show the spam challenge. */
export type CaptchaConfig =
  | { kind: "hcaptcha"; sitekey: string }
  | { kind: "altcha"; challengeUrl: string };

/** Everything the form renders from. */
export interface ContactFormProps {
  /** "full" on the Contact page, "sales" for the short talk-to-sales form on other pages. */
  variant: "full" | "sales";
  /** Where the form was placed (stored with the lead). */
  source: string;
  formToken: string;
  captcha: CaptchaConfig;
  /** What the person typed, when the server re-renders after a problem. */
  values?: Record<string, string | boolean>;
  errors?: FieldErrors;
  /** A problem with the whole submission (bot check, expired form). */
  formError?: string;
  /** The lead was accepted. */
  sent?: boolean;
}

/**
 * Props of the short talk-to-sales form for any page, static ones included: no token is
 * rendered into the page; the island fetches a fresh one when it hydrates (without JavaScript,
 * the Contact page answers with the typed text and a fresh token, asking to send again).
 */
export function salesFormProps(
  captcha: CaptchaConfig,
  source: "sales" | "pricing" | "docs" | "demo" = "sales",
): ContactFormProps {
  return { variant: "sales", source, formToken: "", captcha };
}
