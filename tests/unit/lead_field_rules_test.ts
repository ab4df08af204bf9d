/**
 * The ContactForm island checks fields in the browser with plain rules (no zod); the server
 * validates with zod built from the same rules: both give the same message for each field.
 */
import { assertEquals } from "../support/assert.ts";
import { checkLeadFields } from "../../lib/leads/field_rules.ts";
import { validateLead } from "../../lib/leads/fields.ts";

const valid = {
  name: "Ada",
  email: "ada@example.com",
  company: "Analytical",
  companyUrl: "https://example.com",
  message: "We would like a demo of the support agent.",
  consent: "on",
};

const cases: Record<string, string | boolean>[] = [
  valid,
  {},
  { ...valid, name: "   " },
  { ...valid, name: "x".repeat(121) },
  { ...valid, email: "ada" },
  { ...valid, email: "" },
  { ...valid, email: `${"a".repeat(250)}@example.com` },
  { ...valid, company: "" },
  { ...valid, company: "c".repeat(121) },
  { ...valid, companyUrl: "example.com" },
  { ...valid, companyUrl: "" },
  { ...valid, message: "short" },
  { ...valid, message: "m".repeat(5001) },
  { ...valid, message: "ten chars\u0000 and a NUL" },
  { ...valid, name: "bad \ud800 surrogate" },
  { ...valid, consent: false },
  { ...valid, consent: true },
  { ...valid, consent: "true" },
];

Deno.test("the browser's lead checks give the server's message for every field", () => {
  for (const input of cases) {
    const server = validateLead(input);
    assertEquals(
      checkLeadFields(input),
      server.ok ? {} : server.errors,
      JSON.stringify(input).slice(0, 120),
    );
  }
});
