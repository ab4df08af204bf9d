/**
 * Brand, contact details, navigation and social links: the one place the site's identity lives.
 * Server components, pages, JSON-LD and the sitemap read it; nothing else hard-codes the brand.
 */

/** A link in the navigation or footer. */
export interface SiteLink {
  label: string;
  href: string;
}

/** The site's identity and contact details. */
export const siteConfig = {
  name: "Relay",
  legalName: "Relay Agents Ltd.",
  tagline: "AI agents you can watch work",
  description:
    "Relay runs AI agents for sales, support and knowledge work: qualify leads, triage tickets " +
    "and answer questions from your docs, with every run streamed, metered and auditable.",
  foundingYear: 2024,
  contact: {
    email: "hello@relay-agents.example",
    salesEmail: "sales@relay-agents.example",
    supportEmail: "support@relay-agents.example",
    privacyEmail: "privacy@relay-agents.example",
    phone: "+44 20 7946 0321",
    address: {
      street: "14 Clerkenwell Close",
      locality: "London",
      postalCode: "EC1R 0AA",
      country: "United Kingdom",
      countryCode: "GB",
    },
  },
  social: [
    { label: "GitHub", href: "https://github.com/relay-agents" },
    { label: "LinkedIn", href: "https://www.linkedin.com/company/relay-agents" },
    { label: "Mastodon", href: "https://hachyderm.io/@relay" },
  ] satisfies SiteLink[],
  /** Main navigation, in order. */
  nav: [
    { label: "Solutions", href: "/solutions" },
    { label: "Platform", href: "/platform" },
    { label: "Pricing", href: "/pricing" },
    { label: "Docs", href: "/docs" },
    { label: "Contact", href: "/contact" },
  ] satisfies SiteLink[],
  /** Account links at the end of the header. */
  account: {
    signIn: { label: "Sign in", href: "/signin" },
    dashboard: { label: "Dashboard", href: "/dashboard" },
  },
  /** Legal links in the footer. */
  legal: [
    { label: "Privacy", href: "/privacy" },
    { label: "Terms", href: "/terms" },
    { label: "Cookie policy", href: "/cookies" },
  ] satisfies SiteLink[],
  /** Where the footer's "Cookie settings" link goes (works without JavaScript). */
  cookieSettingsHref: "/cookies#cookie-settings",
} as const;

/** The postal address on one line. */
export function addressLine(): string {
  const a = siteConfig.contact.address;
  return `${a.street}, ${a.locality} ${a.postalCode}, ${a.country}`;
}
