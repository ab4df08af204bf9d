/**
 * Lead qualifier cases: how prospects describe themselves, worded fresh. Expected values are
 * what a careful reader finds; `verdict` is the fit with the default ideal-customer profile.
 * `size` is the employee band, `location` any of the accepted place names (null: not stated).
 */
export interface LeadCase {
  company?: string;
  text: string;
  expect: {
    size: "1-49" | "50-249" | "250-999" | "1000-4999" | "5000+" | null;
    region: string | null;
    location: string[] | null;
    industry: string[] | null;
    verdict: "strong fit" | "possible fit" | "poor fit";
    revenue?: { amount: number; currency: string } | null;
  };
}

/** The lead qualifier's evaluation cases. */
export const LEAD_CASES: LeadCase[] = [
  {
    text:
      "We're a 400-person freight forwarding business based in Rotterdam. Our customer service desk answers around 5,000 emails a month and we'd like to automate the routine ones.",
    expect: {
      size: "250-999",
      region: "europe",
      location: ["Rotterdam"],
      industry: ["logistics"],
      verdict: "strong fit",
    },
  },
  {
    text:
      "Brightline Health is a 1,200-person network of outpatient clinics in Columbus, Ohio. Patients email us about appointments all day.",
    expect: {
      size: "1000-4999",
      region: "north america",
      location: ["Columbus"],
      industry: ["healthcare"],
      verdict: "strong fit",
    },
  },
  {
    text: "Kettle & Crumb is a café chain with nine locations in Melbourne and about 120 staff.",
    expect: {
      size: "50-249",
      region: "asia pacific",
      location: ["Melbourne"],
      industry: ["food and beverage", "hospitality"],
      verdict: "poor fit",
    },
  },
  {
    text:
      "Paywise builds payment APIs for online merchants. We are a team of 80 in London, Series A funded, and our sales reps are drowning in inbound leads from the free tier.",
    expect: {
      size: "50-249",
      region: "europe",
      location: ["London"],
      industry: ["fintech"],
      verdict: "strong fit",
    },
  },
  {
    text:
      "Our company manufactures industrial pumps in Stuttgart and employs about 2,000 people. Revenue last year was €310 million.",
    expect: {
      size: "1000-4999",
      region: "europe",
      location: ["Stuttgart"],
      industry: ["manufacturing"],
      verdict: "possible fit",
      revenue: { amount: 310_000_000, currency: "EUR" },
    },
  },
  {
    text: "A 12-person law firm in Lisbon advising families on property and inheritance.",
    expect: {
      size: "1-49",
      region: "europe",
      location: ["Lisbon"],
      industry: ["legal"],
      verdict: "poor fit",
    },
  },
  {
    company: "Shopnest",
    text:
      "Shopnest is an online marketplace for handmade furniture with 2,000 employees and $450M in annual revenue, headquartered in Toronto.",
    expect: {
      size: "1000-4999",
      region: "north america",
      location: ["Toronto"],
      industry: ["e-commerce"],
      verdict: "strong fit",
      revenue: { amount: 450_000_000, currency: "USD" },
    },
  },
  {
    text:
      "We are a 30-person SaaS startup in Austin, Texas building scheduling software for dentists. Our docs and help center are a mess and we're hiring fast.",
    expect: {
      size: "1-49",
      region: "north america",
      location: ["Austin"],
      industry: ["saas", "software"],
      verdict: "strong fit",
    },
  },
  {
    text:
      "Sunvale Solar installs rooftop panels for homeowners around San Diego and Los Angeles. We have roughly 650 employees.",
    expect: {
      size: "250-999",
      region: "north america",
      location: ["San Diego", "Los Angeles"],
      industry: ["energy"],
      verdict: "possible fit",
    },
  },
  {
    text:
      "Nordpeak is a Stockholm-based last-mile delivery startup of 45 people, moving parcels for local shops.",
    expect: {
      size: "1-49",
      region: "europe",
      location: ["Stockholm"],
      industry: ["logistics"],
      verdict: "possible fit",
    },
  },
  {
    text:
      "Mercado Verde runs an online grocery shop in São Paulo with 3,500 employees and same-day delivery.",
    expect: {
      size: "1000-4999",
      region: "latin america",
      location: ["São Paulo", "Sao Paulo"],
      industry: ["e-commerce"],
      verdict: "possible fit",
    },
  },
  {
    text: "We're a hospital group in Dubai with about 8,000 staff across six hospitals.",
    expect: {
      size: "5000+",
      region: "middle east",
      location: ["Dubai"],
      industry: ["healthcare"],
      verdict: "possible fit",
    },
  },
  {
    text: "Tiny two-person bakery in Cork selling sourdough at weekend markets.",
    expect: {
      size: "1-49",
      region: "europe",
      location: ["Cork"],
      industry: ["food and beverage"],
      verdict: "poor fit",
    },
  },
  {
    text:
      "LedgerLoop is a fintech company in Singapore with 220 employees. We use Salesforce and want to qualify leads automatically.",
    expect: {
      size: "50-249",
      region: "asia pacific",
      location: ["Singapore"],
      industry: ["fintech"],
      verdict: "strong fit",
    },
  },
  {
    text:
      "Our school district in Denver serves 90,000 students and has 14,000 employees, from teachers to bus drivers.",
    expect: {
      size: "5000+",
      region: "north america",
      location: ["Denver"],
      industry: ["education"],
      verdict: "poor fit",
    },
  },
  {
    text: "CargoLink operates a fleet of 300 trucks out of Warsaw; headcount is 850.",
    expect: {
      size: "250-999",
      region: "europe",
      location: ["Warsaw"],
      industry: ["logistics"],
      verdict: "strong fit",
    },
  },
  {
    text:
      "We sell insurance policies online to small businesses across Germany. About 140 people work here.",
    expect: {
      size: "50-249",
      region: "europe",
      location: ["Germany"],
      industry: ["fintech"],
      verdict: "strong fit",
    },
  },
  {
    text:
      "Helix Robotics makes robots for warehouses in Osaka, Japan. We employ around 1,100 engineers and technicians.",
    expect: {
      size: "1000-4999",
      region: "asia pacific",
      location: ["Osaka"],
      industry: ["manufacturing"],
      verdict: "poor fit",
    },
  },
  {
    text:
      "A regional newspaper publisher in Manchester with 300 staff, moving its archive and subscriptions online.",
    expect: {
      size: "250-999",
      region: "europe",
      location: ["Manchester"],
      industry: ["media"],
      verdict: "possible fit",
    },
  },
  {
    text:
      "Clearpath sells contract-review SaaS to law firms. We have 95 employees in Chicago and annual recurring revenue of $12M.",
    expect: {
      size: "50-249",
      region: "north america",
      location: ["Chicago"],
      industry: ["saas", "software"],
      verdict: "strong fit",
      revenue: { amount: 12_000_000, currency: "USD" },
    },
  },
  {
    text:
      "Hi, saw your talk at a conference and would love to learn more about pricing for our team.",
    expect: {
      size: null,
      region: null,
      location: null,
      industry: null,
      verdict: "poor fit",
      revenue: null,
    },
  },
  {
    text: "Acme Tours is a travel agency in Mexico City with 60 employees.",
    expect: {
      size: "50-249",
      region: "latin america",
      location: ["Mexico City"],
      industry: ["travel"],
      verdict: "poor fit",
    },
  },
  {
    text:
      "Byteforge is a developer tools company with 1,500 employees, headquartered in Berlin with an engineering office in Bangalore.",
    expect: {
      size: "1000-4999",
      region: "europe",
      location: ["Berlin"],
      industry: ["software"],
      verdict: "strong fit",
    },
  },
  {
    text:
      "Our 70-bed private hospital in Lagos, Nigeria has 400 staff and is digitising patient intake.",
    expect: {
      size: "250-999",
      region: "africa",
      location: ["Lagos"],
      industry: ["healthcare"],
      verdict: "possible fit",
    },
  },
  {
    text:
      "We're a family-owned vineyard in Mendoza producing 200,000 bottles a year with a crew of 35.",
    expect: {
      size: "1-49",
      region: "latin america",
      location: ["Mendoza"],
      industry: ["food and beverage", "agriculture"],
      verdict: "poor fit",
    },
  },
  {
    text:
      "Greenfield Property Management looks after 4,000 apartments in Dublin with a staff of 180 and uses HubSpot as its CRM.",
    expect: {
      size: "50-249",
      region: "europe",
      location: ["Dublin"],
      industry: ["real estate"],
      verdict: "possible fit",
    },
  },
  {
    text:
      "An e-commerce brand selling running shoes, 500 employees, based in Portland, Oregon, doing $90 million in yearly sales.",
    expect: {
      size: "250-999",
      region: "north america",
      location: ["Portland"],
      industry: ["e-commerce"],
      verdict: "strong fit",
      revenue: { amount: 90_000_000, currency: "USD" },
    },
  },
  {
    text: "We are a university hospital in Montreal with more than 9,000 employees.",
    expect: {
      size: "5000+",
      region: "north america",
      location: ["Montreal", "Montréal"],
      industry: ["healthcare"],
      verdict: "possible fit",
    },
  },
  {
    text:
      "Rivet is a 25 person HR software startup from Amsterdam, seed funded, looking to automate onboarding emails.",
    expect: {
      size: "1-49",
      region: "europe",
      location: ["Amsterdam"],
      industry: ["software", "saas"],
      verdict: "strong fit",
    },
  },
];
