import { LegalHtml } from "../components/LegalHtml.tsx";
import { LegalPage } from "../components/LegalPage.tsx";
import ConsentSettings from "../islands/ConsentSettings.tsx";
import { consentFrom, type ConsentState } from "../lib/consent.ts";
import type { Handlers, Meta, PageProps } from "../lib/framework/mod.ts";
import { legalHtml } from "../lib/legal.ts";
import { siteConfig } from "../lib/site_config.ts";

/** Privacy metadata. */
export const meta: Meta = {
  title: "Privacy policy",
  description:
    `What ${siteConfig.name} collects, why, how long it keeps it, and how to switch off telemetry or ask for your data.`,
};

interface PrivacyData {
  consent: ConsentState;
  /** The policy's HTML before and after the telemetry switch (content/legal/privacy.md). */
  parts: string[];
}

/** Rendered per request: the telemetry switch shows the visitor's current choice. */
export const handler: Handlers<PrivacyData> = {
  GET: async (ctx) =>
    ctx.render({ consent: consentFrom(ctx.req), parts: await legalHtml("privacy") }),
};

/** The privacy policy, with the telemetry opt-out switch. */
export default function Privacy({ data }: PageProps<PrivacyData>) {
  const [before, ...after] = data.parts;
  return (
    <LegalPage
      title="Privacy policy"
      lead={`${siteConfig.name} collects as little as it can, keeps it no longer than your plan says, and never sells it or uses it to train models.`}
    >
      <LegalHtml html={before} />
      <h2 id="telemetry-title">Telemetry</h2>
      <ConsentSettings
        initial={data.consent}
        only={["telemetry"]}
        returnTo="/privacy#telemetry-title"
        labelledBy="telemetry-title"
      />
      <LegalHtml html={after.join("")} />
    </LegalPage>
  );
}
