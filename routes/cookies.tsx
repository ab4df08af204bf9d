import { LegalHtml } from "../components/LegalHtml.tsx";
import { LegalPage } from "../components/LegalPage.tsx";
import ConsentSettings from "../islands/ConsentSettings.tsx";
import { CONSENT_CATEGORY_INFO, consentFrom, type ConsentState } from "../lib/consent.ts";
import type { Handlers, Meta, PageProps } from "../lib/framework/mod.ts";
import { legalHtml } from "../lib/legal.ts";
import { siteConfig } from "../lib/site_config.ts";

/** Cookie policy metadata. */
export const meta: Meta = {
  title: "Cookie policy",
  description:
    `The cookies ${siteConfig.name} sets, what each is for, and your cookie settings, which you can change at any time.`,
};

interface CookiesData {
  consent: ConsentState;
  /** The policy's HTML before and after the list of categories (content/legal/cookies.md). */
  parts: string[];
}

/** Rendered per request: the settings form shows the visitor's current choice. */
export const handler: Handlers<CookiesData> = {
  GET: async (ctx) =>
    ctx.render({ consent: consentFrom(ctx.req), parts: await legalHtml("cookies") }),
};

/** The cookie policy and the cookie settings form (the footer's "Cookie settings" target). */
export default function Cookies({ data }: PageProps<CookiesData>) {
  const [before, ...after] = data.parts;
  return (
    <LegalPage
      title="Cookie policy"
      lead="We use a handful of first-party cookies, no advertising cookies and no third-party trackers."
    >
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
