/** Schema.org data for every page: the organization and the product with its price range. */
import { plans } from "../lib/plans.ts";
import { siteConfig } from "../lib/site_config.ts";

/** The Organization and SoftwareApplication graph, with absolute URLs under `origin`. */
export function siteStructuredData(origin: string): Record<string, unknown> {
  const c = siteConfig.contact;
  const prices = plans.map((p) => p.monthlyUsd).filter((p): p is number => p !== null);
  const org = `${origin}/#organization`;
  return {
    "@context": "https://schema.org",
    "@graph": [
      {
        "@type": "Organization",
        "@id": org,
        name: siteConfig.name,
        legalName: siteConfig.legalName,
        url: `${origin}/`,
        logo: `${origin}/favicon.svg`,
        description: siteConfig.description,
        email: c.email,
        ...(c.phone ? { telephone: c.phone } : {}),
        ...(c.address
          ? {
            address: {
              "@type": "PostalAddress",
              streetAddress: c.address.street,
              addressLocality: c.address.locality,
              postalCode: c.address.postalCode,
              addressCountry: c.address.countryCode,
            },
          }
          : {}),
        ...(siteConfig.social.length ? { sameAs: siteConfig.social.map((s) => s.href) } : {}),
      },
      {
        "@type": "SoftwareApplication",
        "@id": `${origin}/#product`,
        name: siteConfig.name,
        description: siteConfig.description,
        applicationCategory: "BusinessApplication",
        operatingSystem: "Web",
        url: `${origin}/`,
        publisher: { "@id": org },
        offers: {
          "@type": "AggregateOffer",
          priceCurrency: "USD",
          lowPrice: Math.min(...prices),
          highPrice: Math.max(...prices),
          offerCount: plans.length,
          url: `${origin}/pricing`,
        },
      },
    ],
  };
}
