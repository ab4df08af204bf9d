import { LegalHtml } from "../components/LegalHtml.tsx";
import { LegalPage } from "../components/LegalPage.tsx";
import ConsentSettings from "../islands/ConsentSettings.tsx";
import { CONSENT_CATEGORY_INFO, consentFrom, type ConsentState } from "../lib/consent.ts";
import type { Handlers, Meta, PageProps } from "../lib/framework/mod.ts";
import { type LegalDocument, legalDocument } from "../lib/legal.ts";

interface CookiesData {
  consent: ConsentState;
  /** content/legal/cookies.md; the list of categories goes between its two parts. */
  doc: LegalDocument;
}

/** Cookie policy metadata, from the document's front matter. */
export const meta = ({ data }: PageProps<CookiesData>): Meta => ({
  title: data.doc.title,
  description: data.doc.description,
});

/** Rendered per request: the settings form shows the visitor's current choice. */
export const handler: Handlers<CookiesData> = {
  GET: async (ctx) =>
    ctx.render({ consent: consentFrom(ctx.req), doc: await legalDocument("cookies") }),
};

/** The cookie policy and the cookie settings form (the footer's "Cookie settings" target). */
export default function Cookies({ data }: PageProps<CookiesData>) {
  const [before, ...after] = data.doc.parts;
  return (
    <LegalPage title={data.doc.title} lead={data.doc.lead}>
      <LegalHtml html={before} />
      <dl>
        {Object.values(CONSENT_CATEGORY_INFO).map((c) => (
          <div key={c.label}>
            <dt>
              <strong>{c.label}</strong>
            </dt>
            <dd>{c.description}</dd>
          </div>
        ))}
      </dl>
      <LegalHtml html={after.join("")} />
      <h2 id="cookie-settings" tabindex={-1}>Cookie settings</h2>
      <ConsentSettings
        initial={data.consent}
        returnTo="/cookies#cookie-settings"
        labelledBy="cookie-settings"
      />
    </LegalPage>
  );
}
