import ContactForm from "../islands/ContactForm.tsx";
import { type Handlers, type Meta, type PageProps, redirect } from "../lib/framework/mod.ts";
import { captchaConfig } from "../lib/leads/captcha.ts";
import type { ContactFormProps } from "../lib/leads/form_props.ts";
import { issueFormToken } from "../lib/leads/form_token.ts";
import { readLeadBody, refusalOf, submitLead } from "../lib/leads/http.ts";
import { contact as copy } from "../content/contact.ts";
import { siteConfig } from "../lib/site_config.ts";

/** Contact page metadata. */
export const meta: Meta = copy.meta;

const KEPT = ["name", "email", "company", "companyUrl", "message"] as const;

function keptValues(body: Record<string, unknown>): Record<string, string | boolean> {
  const out: Record<string, string | boolean> = {};
  for (const k of KEPT) if (typeof body[k] === "string") out[k] = body[k] as string;
  if (body.consent === "on" || body.consent === true) out.consent = "on";
  return out;
}

/**
 * GET renders the form with a fresh signed token. POST is the no-JavaScript path: it accepts
 * the lead and redirects (303) to `?sent=1`, or re-renders the form with per-field errors and
 * everything the person typed.
 */
export const handler: Handlers<ContactFormProps> = {
  GET: async (ctx) => {
    const { settings } = ctx.state.services;
    return ctx.render({
      variant: "full",
      source: "contact",
      formToken: await issueFormToken(settings),
      captcha: captchaConfig(settings),
      sent: ctx.url.searchParams.get("sent") === "1",
    }, { headers: { "cache-control": "no-store" }, perRequest: ["formToken"] });
  },
  POST: async (ctx) => {
    const { settings } = ctx.state.services;
    const body = await readLeadBody(ctx.req);
    const outcome = await submitLead(ctx, body, false);
    if (outcome.kind === "accepted") {
      return redirect("/contact?sent=1");
    }
    const refusal = refusalOf(outcome);
    const token = refusal.newToken || typeof body.formToken !== "string"
      ? await issueFormToken(settings)
      : body.formToken;
    return ctx.render({
      variant: "full",
      source: typeof body.source === "string" ? body.source : "contact",
      formToken: token,
      captcha: captchaConfig(settings),
      values: keptValues(body),
      errors: outcome.kind === "invalid" ? outcome.errors : undefined,
      formError: refusal.message,
    }, {
      status: refusal.status,
      headers: { "cache-control": "no-store", ...refusal.headers },
    });
  },
};

/** The Contact page. */
export default function Contact({ data, state }: PageProps<ContactFormProps>) {
  const { contact } = siteConfig;
  const leadDays = state.services.settings.retentionDays.leads;
  return (
    <main id="main" class="section">
      <div class="wrap contact-grid">
        <div>
          <p class="eyebrow">{copy.eyebrow}</p>
          <h1>{copy.title}</h1>
          <p class="lead">{copy.lead}</p>
          <ContactForm {...data} />
        </div>
        <aside class="contact-aside" aria-label="Other ways to reach us">
          <h2>{copy.next.title}</h2>
          <ol class="steps">
            {copy.next.steps.map((step) => <li key={step}>{step}</li>)}
          </ol>
          <h2>{copy.other.title}</h2>
          <ul class="contact-list">
            <li>
              Sales: <a href={`mailto:${contact.salesEmail}`}>{contact.salesEmail}</a>
            </li>
            <li>
              Support: <a href={`mailto:${contact.supportEmail}`}>{contact.supportEmail}</a>
            </li>
            {contact.phone && (
              <li>
                Phone: <a href={`tel:${contact.phone.replaceAll(" ", "")}`}>{contact.phone}</a>
              </li>
            )}
          </ul>
          <p class="muted">
            {copy.privacy.replace("{leadDays}", String(leadDays))} (
            <a href={`mailto:${contact.privacyEmail}`}>{contact.privacyEmail}</a>).
          </p>
        </aside>
      </div>
    </main>
  );
}
