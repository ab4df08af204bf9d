/**
 * The site's identity: brand, contact mailboxes, navigation and footer links. Operators edit
 * this file (and the others in content/) to make the site theirs; lib/site_config.ts reads it.
 *
 * Everything here is shown to visitors, so keep it true: no postal address, phone number or
 * social account is shipped because none is real for a fresh install. Add your own when you
 * have them (`address`, `phone`, `social`); the footer, contact page and structured data show
 * them only when set.
 */

/** A link in the navigation or footer. */
export interface SiteLink {
  label: string;
  href: string;
}

/** A postal address, shown only when an operator sets one. */
export interface PostalAddress {
  street: string;
  locality: string;
  postalCode: string;
  country: string;
  /** ISO 3166-1 alpha-2, for structured data. */
  countryCode: string;
}

/** Contact details; the optional ones are shown only when set. */
export interface SiteContact {
  email: string;
  salesEmail: string;
  supportEmail: string;
  privacyEmail: string;
  phone?: string;
  address?: PostalAddress;
}

/** The site's identity and links. */
export interface SiteContent {
  name: string;
  /** The legal entity that runs the site (the controller in the privacy policy). */
  legalName: string;
  tagline: string;
  description: string;
  contact: SiteContact;
  social: SiteLink[];
  nav: SiteLink[];
  account: { signIn: SiteLink; dashboard: SiteLink };
  legal: SiteLink[];
  /** Date the legal pages were last revised (shown on each). */
  legalUpdated: string;
  cookieSettingsHref: string;
  footer: { product: SiteLink[]; resources: SiteLink[] };
  /** The closing call to action at the end of most pages. */
  cta: { title: string; lead: string; primary: SiteLink; secondary: SiteLink };
}

/** The site's identity, contact mailboxes and links. */
export const site: SiteContent = {
  name: "Relay",
  legalName: "Relay",
  tagline: "AI agents you can watch work",
  description:
    "Relay runs AI agents for sales, support and knowledge work: qualify leads, triage tickets " +
    "and answer questions from your docs, with every run streamed, metered and recorded.",
  contact: {
    email: "hello@relay-agents.example",
    salesEmail: "sales@relay-agents.example",
    supportEmail: "support@relay-agents.example",
    privacyEmail: "privacy@relay-agents.example",
  },
  social: [],
  nav: [
    { label: "Solutions", href: "/solutions" },
    { label: "Platform", href: "/platform" },
    { label: "Pricing", href: "/pricing" },
    { label: "Docs", href: "/docs" },
    { label: "Contact", href: "/contact" },
  ],
  account: {
    signIn: { label: "Sign in", href: "/signin" },
    dashboard: { label: "Dashboard", href: "/dashboard" },
  },
  legal: [
    { label: "Privacy", href: "/privacy" },
    { label: "Terms", href: "/terms" },
    { label: "Cookie policy", href: "/cookies" },
  ],
  legalUpdated: "3 December 2026",
  cookieSettingsHref: "/cookies#cookie-settings",
  footer: {
    product: [
      { label: "Sales agent", href: "/solutions/sales" },
      { label: "Support agent", href: "/solutions/support" },
      { label: "Knowledge agent", href: "/solutions/knowledge" },
      { label: "Platform", href: "/platform" },
      { label: "Pricing", href: "/pricing" },
    ],
    resources: [
      { label: "Documentation", href: "/docs" },
      { label: "Getting started", href: "/docs/getting-started" },
      { label: "Runs API", href: "/docs/runs-api" },
      { label: "Contact", href: "/contact" },
    ],
  },
  cta: {
    title: "See an agent work on your own data",
    lead: "Start free with all three agents, or tell us what you want them to do.",
    primary: { label: "Start free", href: "/signin" },
    secondary: { label: "Talk to us", href: "/contact" },
  },
};
