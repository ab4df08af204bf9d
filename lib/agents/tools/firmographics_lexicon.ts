/**
 * The business vocabulary of firmographics: which words point to which industry (our market
 * taxonomy: the ideal-customer profile's industries and the common others), the tools a
 * company may mention, and the words that show a buying signal. Places come from the
 * gazetteer (lib/agents/nlp/gazetteer.ts), numbers from compromise.
 */

/**
 * Industry -> words that suggest it (whole words, case-insensitive, plural "s" allowed). In a
 * tie, the industry listed first wins.
 */
export const INDUSTRY_WORDS: Record<string, string[]> = {
  saas: ["saas", "subscription software", "b2b software", "cloud platform"],
  fintech: [
    "fintech",
    "payment",
    "banking",
    "bank",
    "lending",
    "insurance",
    "insurer",
    "insurtech",
    "neobank",
    "accounting software",
  ],
  "e-commerce": [
    "e-commerce",
    "ecommerce",
    "online store",
    "online shop",
    "online retailer",
    "online marketplace",
    "online grocery",
    "marketplace",
    "shopify",
    "direct-to-consumer",
  ],
  logistics: [
    "logistics",
    "shipping",
    "freight",
    "freight forwarding",
    "fleet",
    "truck",
    "trucking",
    "warehousing",
    "delivery",
    "last-mile",
    "parcel",
    "courier",
    "supply chain",
  ],
  healthcare: [
    "healthcare",
    "health",
    "clinic",
    "hospital",
    "patient",
    "medical",
    "outpatient",
    "telehealth",
    "pharmacy",
  ],
  manufacturing: [
    "manufacturing",
    "manufacturer",
    "manufactures",
    "factory",
    "factories",
    "industrial",
    "robotics",
    "robot",
    "machinery",
  ],
  education: [
    "education",
    "edtech",
    "university",
    "school",
    "school district",
    "student",
    "teacher",
  ],
  media: ["media", "publisher", "publishing", "newspaper", "newsroom", "journalism", "magazine"],
  "real estate": ["real estate", "property management", "proptech", "apartment", "landlord"],
  travel: ["travel", "travel agency", "tour", "hotel", "airline", "bookings"],
  "food and beverage": [
    "bakery",
    "café",
    "cafe",
    "restaurant",
    "coffee",
    "vineyard",
    "winery",
    "brewery",
    "food",
  ],
  energy: ["energy", "solar", "wind farm", "utility", "utilities", "renewables"],
  legal: ["law firm", "legal", "lawyer", "attorney", "legal services"],
  software: ["software", "developer tools", "api", "app", "devops", "platform"],
};

/** Tools a company mentions (integration talking points). */
export const TOOLS = [
  "salesforce",
  "hubspot",
  "zendesk",
  "intercom",
  "freshdesk",
  "slack",
  "jira",
  "notion",
  "confluence",
  "shopify",
  "stripe",
  "aws",
  "azure",
  "gcp",
  "kubernetes",
  "snowflake",
];

/** Buying signal -> words that show it (a signal also matches its own words). */
export const SIGNAL_WORDS: Record<string, string[]> = {
  "support volume": [
    "tickets",
    "ticket volume",
    "support team",
    "help desk",
    "helpdesk",
    "customer support",
    "customer service",
  ],
  "lead qualification": ["leads", "inbound", "sdr", "sdrs", "pipeline", "qualification"],
  automation: ["automate", "automation", "automatically", "manual work", "manual process"],
  documentation: ["docs", "documentation", "knowledge base", "wiki", "help center"],
  crm: ["crm", "salesforce", "hubspot"],
  hiring: ["hiring", "growing the team", "open roles", "recruiting"],
};
