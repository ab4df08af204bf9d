import { LegalPage } from "../components/LegalPage.tsx";
import ConsentSettings from "../islands/ConsentSettings.tsx";
import {
  CONSENT_CATEGORY_INFO,
  CONSENT_COOKIE,
  consentFrom,
  type ConsentState,
} from "../lib/consent.ts";
import type { Handlers, Meta, PageProps } from "../lib/framework/mod.ts";
import { siteConfig } from "../lib/site_config.ts";

/** Cookie policy metadata. */
export const meta: Meta = {
  title: "Cookie policy",
  description:
    `The cookies ${siteConfig.name} sets, what each is for, and your cookie settings, which you can change at any time.`,
};

interface CookiesData {
  consent: ConsentState;
}

/** Rendered per request: the settings form shows the visitor's current choice. */
export const handler: Handlers<CookiesData> = {
  GET: (ctx) => ctx.render({ consent: consentFrom(ctx.req) }),
};

/** The cookie policy and the cookie settings form (the footer's "Cookie settings" target). */
export default function Cookies({ data }: PageProps<CookiesData>) {
  return (
    <LegalPage
      title="Cookie policy"
      lead="We use a handful of first-party cookies, no advertising cookies and no third-party trackers."
    >
      <h2>The cookies we set</h2>
      <div class="table-scroll" tabindex={0} role="region" aria-label="Cookies we set">
        <table>
          <thead>
            <tr>
              <th scope="col">Cookie</th>
              <th scope="col">Purpose</th>
              <th scope="col">Kept for</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <td>
                <code>{CONSENT_COOKIE}</code>
              </td>
              <td>
                Remembers your choices below, listing the categories you accepted (for example{" "}
                <code>consent=analytics</code>).
              </td>
              <td>180 days</td>
            </tr>
            <tr>
              <td>Session</td>
              <td>Keeps you signed in; set only when you sign in. Strictly necessary.</td>
              <td>Until you sign out, at most 30 days</td>
            </tr>
            <tr>
              <td>
                <code>oauth</code>
              </td>
              <td>
                Ties a sign-in with GitHub, Google or your identity provider to the browser that
                started it. Strictly necessary.
              </td>
              <td>10 minutes</td>
            </tr>
            <tr>
              <td>
                <code>demo_visitor</code>
              </td>
              <td>
                A random id that lets you, and only you, follow the demo runs you start without an
                account. Strictly necessary; we store only its hash.
              </td>
              <td>30 days</td>
            </tr>
          </tbody>
        </table>
      </div>
      <h2>Optional categories</h2>
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
      <p>
        Global Privacy Control and Do Not Track signals count as a refusal of both. Without your
        consent nothing is recorded for analytics, on our servers or in your browser.
      </p>
      <h2 id="cookie-settings" tabindex={-1}>Cookie settings</h2>
      <ConsentSettings
        initial={data.consent}
        returnTo="/cookies#cookie-settings"
        labelledBy="cookie-settings"
      />
    </LegalPage>
  );
}
