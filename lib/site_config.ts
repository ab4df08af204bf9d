/**
 * Brand, contact details, navigation and links, read from content/site.ts (the file operators
 * edit). Server components, pages, JSON-LD and the sitemap read it from here.
 */
import { site, type SiteContent } from "../content/site.ts";

export type { PostalAddress, SiteContact, SiteLink } from "../content/site.ts";

/** The site's identity and contact details. */
export const siteConfig: Readonly<SiteContent> = site;

/** The postal address on one line, or null when the operator has not set one. */
export function addressLine(): string | null {
  const a = siteConfig.contact.address;
  return a ? `${a.street}, ${a.locality} ${a.postalCode}, ${a.country}` : null;
}
