import { LegalPage } from "../components/LegalPage.tsx";
import ConsentSettings from "../islands/ConsentSettings.tsx";
import { consentFrom, type ConsentState } from "../lib/consent.ts";
import type { Handlers, Meta, PageProps } from "../lib/framework/mod.ts";
import { addressLine, siteConfig } from "../lib/site_config.ts";

/** Privacy metadata. */
export const meta: Meta = {
  title: "Privacy policy",
  description:
    `What ${siteConfig.name} collects, why, how long it keeps it, and how to switch off telemetry or ask for your data.`,
};

/** Rendered per request: the telemetry switch shows the visitor's current choice. */
export const handler: Handlers<{ consent: ConsentState }> = {
  GET: (ctx) => ctx.render({ consent: consentFrom(ctx.req) }),
};

/** The privacy policy, with the telemetry opt-out switch. */
export default function Privacy({ data }: PageProps<{ consent: ConsentState }>) {
  const c = siteConfig.contact;
  return (
    <LegalPage
      title="Privacy policy"
      lead={`${siteConfig.legalName} collects as little as it can, keeps it no longer than your plan says, and never sells it or uses it to train models.`}
    >
      <h2>Who we are</h2>
      <p>
        {siteConfig.legalName},{" "}
        {addressLine()}, is the controller of the personal data described here. Our privacy contact
        is <a href={`mailto:${c.privacyEmail}`}>{c.privacyEmail}</a>.
      </p>
      <h2>What we collect</h2>
      <ul>
        <li>
          <strong>Account data</strong>: your email address, name and workspace memberships, to sign
          you in and run your workspace.
        </li>
        <li>
          <strong>Content you send</strong>: agent inputs, uploads and outputs, processed to provide
          the service and kept for your plan's history period.
        </li>
        <li>
          <strong>Leads and contact requests</strong>: what you type into our forms, to answer you.
        </li>
        <li>
          <strong>Analytics</strong>, only with your consent: page views and demo interactions,
          recorded on our own servers without third-party trackers.
        </li>
        <li>
          <strong>Telemetry</strong>: anonymous error reports and page-load timings, without
          identifiers, to keep the site working, only with your consent. You can switch it on or off
          below.
        </li>
      </ul>
      <h2>Browser privacy signals</h2>
      <p>
        If your browser sends Global Privacy Control or Do Not Track, we treat it as a refusal of
        analytics and telemetry, whatever else you chose.
      </p>
      <h2 id="telemetry-title">Telemetry</h2>
      <ConsentSettings
        initial={data.consent}
        only={["telemetry"]}
        returnTo="/privacy#telemetry-title"
        labelledBy="telemetry-title"
      />
      <h2>How long we keep data</h2>
      <p>
        Run transcripts, events and leads are deleted automatically after your plan's history period
        (7 to 90 days, or as agreed). Analytics events expire after 30 days. The audit log is kept
        for as long as your workspace exists, because it proves what happened.
      </p>
      <h2>Who processes it</h2>
      <p>
        Our hosting provider, and the model provider you or we configure for agent runs, process
        data on our behalf under written agreements. We do not sell personal data or share it for
        advertising.
      </p>
      <h2>Your rights</h2>
      <p>
        You can access, export, correct or delete your data from the dashboard, or by writing to
        {" "}
        <a href={`mailto:${c.privacyEmail}`}>{c.privacyEmail}</a>. We answer within 30 days. You may
        also complain to your data protection authority. Cookies are described in the{" "}
        <a href="/cookies">cookie policy</a>.
      </p>
    </LegalPage>
  );
}
