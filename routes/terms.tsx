import { LegalHtml } from "../components/LegalHtml.tsx";
import { LegalPage } from "../components/LegalPage.tsx";
import type { Handlers, Meta, PageProps, RouteConfig } from "../lib/framework/mod.ts";
import { legalHtml } from "../lib/legal.ts";
import { siteConfig } from "../lib/site_config.ts";

/** Terms metadata. */
export const meta: Meta = {
  title: "Terms of service",
  description:
    `The terms that govern use of ${siteConfig.name}: accounts, acceptable use, plans and limits, your data, and liability.`,
};

/** The same for every visitor. */
export const config: RouteConfig = { static: true };

/** Reads the terms (content/legal/terms.md) when the cached page is rendered. */
export const handler: Handlers<string> = {
  GET: async (ctx) => ctx.render((await legalHtml("terms")).join("")),
};

/** The terms of service. */
export default function Terms({ data }: PageProps<string>) {
  return (
    <LegalPage
      title="Terms of service"
      lead={`These terms are an agreement between you and ${siteConfig.legalName} for the use of ${siteConfig.name}. A signed contract takes precedence where it differs.`}
    >
      <LegalHtml html={data} />
    </LegalPage>
  );
}
