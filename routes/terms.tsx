import { LegalHtml } from "../components/LegalHtml.tsx";
import { LegalPage } from "../components/LegalPage.tsx";
import type { Handlers, Meta, PageProps, RouteConfig } from "../lib/framework/mod.ts";
import { type LegalDocument, legalDocument } from "../lib/legal.ts";

/** Terms metadata, from the document's front matter. */
export const meta = ({ data }: PageProps<LegalDocument>): Meta => ({
  title: data.title,
  description: data.description,
});

/** The same for every visitor. */
export const config: RouteConfig = { static: true };

/** Reads the terms (content/legal/terms.md) when the cached page is rendered. */
export const handler: Handlers<LegalDocument> = {
  GET: async (ctx) => ctx.render(await legalDocument("terms")),
};

/** The terms of service. */
export default function Terms({ data }: PageProps<LegalDocument>) {
  return (
    <LegalPage title={data.title} lead={data.lead}>
      <LegalHtml html={data.parts.join("")} />
    </LegalPage>
  );
}
