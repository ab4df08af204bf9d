import { LegalHtml } from "../components/LegalHtml.tsx";
import { LegalPage } from "../components/LegalPage.tsx";
import ConsentSettings from "../islands/ConsentSettings.tsx";
import { consentFrom, type ConsentState } from "../lib/consent.ts";
import type { Handlers, Meta, PageProps } from "../lib/framework/mod.ts";
import { type LegalDocument, legalDocument } from "../lib/legal.ts";

interface PrivacyData {
  consent: ConsentState;
  /** content/legal/privacy.md; the telemetry switch goes between its two parts. */
  doc: LegalDocument;
}

/** Privacy metadata, from the document's front matter. */
export const meta = ({ data }: PageProps<PrivacyData>): Meta => ({
  title: data.doc.title,
  description: data.doc.description,
});

/** Rendered per request: the telemetry switch shows the visitor's current choice. */
export const handler: Handlers<PrivacyData> = {
  GET: async (ctx) =>
    ctx.render({ consent: consentFrom(ctx.req), doc: await legalDocument("privacy") }),
};

/** The privacy policy, with the telemetry opt-out switch. */
export default function Privacy({ data }: PageProps<PrivacyData>) {
  const [before, ...after] = data.doc.parts;
  return (
    <LegalPage title={data.doc.title} lead={data.doc.lead}>
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
