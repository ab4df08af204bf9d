/**
 * The held-out evaluation set: cases written after the agents were built and before the docs
 * assistant was reworked, never used to tune any agent. They are graded like the main set but
 * scored apart (`deno task eval --holdout`), so a change that only fits the main cases shows up
 * as a gap between the two. Do not edit an agent to pass one of these: add new held-out cases
 * instead when this set has been looked at too often.
 */
import type { DocsCase } from "./docs_cases.ts";
import type { LeadCase } from "./lead_cases.ts";
import type { TriageCase } from "./triage_cases.ts";

/** Held-out docs questions. */
export const DOCS_HOLDOUT: DocsCase[] = [
  {
    question: "Can people sign in without a password?",
    cites: ["/docs/accounts#e-mail-magic-links-no-configuration", "/docs/accounts#sign-in-methods"],
  },
  {
    question: "What callback address do I give GitHub when I register the OAuth app?",
    cites: ["/docs/accounts#github"],
  },
  {
    question: "Our company uses Okta. Can staff use it to log into Relay?",
    cites: [
      "/docs/accounts#any-openid-connect-provider-okta-microsoft-entra-id-keycloak-auth0",
      "/docs/accounts#sign-in-methods",
    ],
  },
  {
    question: "Where do I see how much of its monthly allowance a workspace has used up?",
    cites: ["/docs/dashboard#usage-and-quotas", "/docs/security#quotas-per-workspace-and-plan"],
  },
  {
    question: "If Postgres goes down, do contact form submissions get lost?",
    cites: [
      "/docs/lead-pipeline#nothing-lost-the-outbox",
      "/docs/operations#restoring-service-after-a-database-outage",
    ],
  },
  {
    question: "A customer asked us to erase everything we hold about them. How?",
    cites: [
      "/docs/retention#requests-from-a-person",
      "/docs/lead-pipeline#exports-and-a-persons-data",
    ],
  },
  {
    question: "What availability target do you aim for each month?",
    cites: ["/docs/slo"],
  },
  {
    question: "Which Content-Security-Policy does every page send?",
    cites: ["/docs/security#headers-and-csp-reports"],
  },
  {
    question: "Jobs are piling up in the queue. What should I check first?",
    cites: [
      "/docs/operations#relayqueuebacklog",
      "/docs/operations#runs-stuck-or-failing",
      "/docs/operations#relayqueuestalled",
    ],
  },
  {
    question: "How can Prometheus scrape the app's metrics?",
    cites: ["/docs/deployment#observability", "/docs/slo#where-the-numbers-come-from"],
  },
  {
    question: "How do I put the site on Deno Deploy?",
    cites: ["/docs/deployment#deno-deploy"],
  },
  { question: "Do you have a Zapier integration?", cites: null },
  { question: "Can the agents reply to customers on WhatsApp?", cites: null },
  { question: "How many people work at Relay and where is the office?", cites: null },
  { question: "Is there a discount for nonprofits?", cites: null },
];

/** Held-out lead descriptions. */
export const LEAD_HOLDOUT: LeadCase[] = [
  {
    text:
      "Harbor & Pine is an insurance broker in Boston with 300 employees. Our customer service team answers thousands of policy questions by email every week.",
    expect: {
      size: "250-999",
      region: "north america",
      location: ["Boston"],
      industry: ["fintech"],
      verdict: "strong fit",
    },
  },
  {
    text: "We run fourteen dental clinics across Manchester and Leeds, about 260 staff in total.",
    expect: {
      size: "250-999",
      region: "europe",
      location: ["Manchester", "Leeds"],
      industry: ["healthcare"],
      verdict: "strong fit",
    },
  },
  {
    text: "Small design studio of six people in Kyoto making packaging for craft brands.",
    expect: {
      size: "1-49",
      region: "asia pacific",
      location: ["Kyoto"],
      industry: null,
      verdict: "poor fit",
    },
  },
  {
    company: "Fernway",
    text:
      "Fernway runs a fleet of 900 trucks out of Lyon and employs 1,800 people. We want to automate the shipment status emails our dispatchers write by hand.",
    expect: {
      size: "1000-4999",
      region: "europe",
      location: ["Lyon"],
      industry: ["logistics"],
      verdict: "strong fit",
    },
  },
  {
    text: "A Montreal publisher of three regional newspapers, around 140 employees.",
    expect: {
      size: "50-249",
      region: "north america",
      location: ["Montreal", "Montréal"],
      industry: ["media"],
      verdict: "possible fit",
    },
  },
  {
    text:
      "Family-owned vineyard in Mendoza with 35 employees; most of our wine is exported to Europe.",
    expect: {
      size: "1-49",
      region: "latin america",
      location: ["Mendoza"],
      industry: ["food and beverage"],
      verdict: "poor fit",
    },
  },
  {
    company: "Tallgrass Bank",
    text:
      "Tallgrass Bank is headquartered in Wichita, Kansas. We have 4,200 employees and revenue of $1.1 billion.",
    expect: {
      size: "1000-4999",
      region: "north america",
      location: ["Wichita"],
      industry: ["fintech"],
      verdict: "strong fit",
      revenue: { amount: 1_100_000_000, currency: "USD" },
    },
  },
  {
    text:
      "Kiwi Trails is a travel agency in Auckland with 22 staff, planning hiking holidays for visitors.",
    expect: {
      size: "1-49",
      region: "asia pacific",
      location: ["Auckland"],
      industry: ["travel"],
      verdict: "poor fit",
    },
  },
  {
    text:
      "Our online shop sells refurbished phones all over Poland. We are 500 people in Warsaw and the support inbox gets 20,000 tickets a month.",
    expect: {
      size: "250-999",
      region: "europe",
      location: ["Warsaw"],
      industry: ["e-commerce"],
      verdict: "strong fit",
    },
  },
  {
    company: "Northwind Robotics",
    text:
      "Northwind Robotics builds robots for warehouses in Pittsburgh. 180 employees, revenue of $40 million last year.",
    expect: {
      size: "50-249",
      region: "north america",
      location: ["Pittsburgh"],
      industry: ["manufacturing"],
      verdict: "possible fit",
      revenue: { amount: 40_000_000, currency: "USD" },
    },
  },
  {
    text: "Casa Serena is a 70-room boutique hotel in Seville with 85 employees.",
    expect: {
      size: "50-249",
      region: "europe",
      location: ["Seville", "Sevilla"],
      industry: ["travel"],
      verdict: "possible fit",
    },
  },
];

/** Held-out support tickets. */
export const TRIAGE_HOLDOUT: TriageCase[] = [
  {
    subject: "Reply cuts off after a few lines",
    body:
      "The agent's reply begins to appear and then nothing more comes in after two or three lines. Later the run page says it finished. Firefox on a Mac, company VPN.",
    expect: {
      category: ["bug"],
      priority: ["normal", "high"],
      sentiment: ["neutral", "negative"],
      docs: [
        "/docs/runs-api#follow-a-run",
        "/docs/operations#live-feeds-not-updating",
        "/docs/demo-feed-api#follow-the-feed",
        "/docs/architecture#live-streams",
      ],
    },
  },
  {
    subject: "Site unreachable for all our users",
    body:
      "Since 9:10 every page returns a 503 and none of our agents run. Our agents are completely offline and customers are waiting. We need help immediately.",
    expect: {
      category: ["outage"],
      priority: ["urgent"],
      sentiment: ["negative"],
      docs: ["/docs/operations", "/docs/deployment#probes", "/docs/slo"],
    },
  },
  {
    subject: "Wrong amount on receipt",
    body:
      "Hi team, the receipt for October lists 12 seats but we only have 9 members. Can you correct it and send a new one? Thank you.",
    expect: {
      category: ["billing"],
      priority: ["normal"],
      sentiment: ["neutral", "positive"],
      docs: null,
    },
  },
  {
    subject: "Add a colleague",
    body:
      "How do I invite a colleague to our workspace so they can see the runs but not change settings?",
    expect: {
      category: ["how-to", "account"],
      priority: ["normal", "low"],
      sentiment: ["neutral"],
      docs: ["/docs/accounts#workspaces-and-roles", "/docs/dashboard#members-and-api-tokens"],
    },
  },
  {
    subject: "Would love a Slack digest",
    body:
      "Really enjoying the product so far! It would be great if you could send a weekly summary of new leads to a Slack channel.",
    expect: {
      category: ["feature request"],
      priority: ["low", "normal"],
      sentiment: ["positive"],
      docs: null,
    },
  },
  {
    subject: "Magic link expired",
    body:
      "Every time I click the sign-in link from the email it says the link is no longer valid. I have tried three times now and I'm getting frustrated.",
    expect: {
      category: ["account"],
      priority: ["normal", "high"],
      sentiment: ["negative"],
      docs: [
        "/docs/accounts#e-mail-magic-links-no-configuration",
        "/docs/accounts#sign-in-methods",
      ],
    },
  },
  {
    subject: "Webhook signature does not match",
    body:
      "Our CRM rejects the lead webhooks because the signature check fails. We compute an HMAC of the body with the shared secret. What exactly is signed?",
    expect: {
      category: ["bug", "how-to"],
      priority: ["normal", "high"],
      sentiment: ["neutral"],
      docs: ["/docs/lead-pipeline#verifying-the-crm-webhook"],
    },
  },
  {
    subject: "Charged after cancelling",
    body:
      "We cancelled our plan last month and you still took a payment this month. This is not okay. I want the money back today.",
    expect: {
      category: ["billing"],
      priority: ["high", "urgent"],
      sentiment: ["negative"],
      docs: null,
    },
  },
  {
    subject: "API returns 429",
    body:
      "Our nightly script that starts runs through the API now gets 429 Too Many Requests after about twenty calls. How many requests are we allowed?",
    expect: {
      category: ["how-to", "bug"],
      priority: ["normal", "high"],
      sentiment: ["neutral"],
      docs: ["/docs/security#rate-limits", "/docs/security#quotas-per-workspace-and-plan"],
    },
  },
  {
    subject: "Thanks!",
    body:
      "Just wanted to say the new dashboard looks great and your team was very helpful last week. Keep it up.",
    expect: {
      category: ["other"],
      priority: ["low", "normal"],
      sentiment: ["positive"],
      docs: null,
    },
  },
  {
    subject: "Export a person's data",
    body:
      "A prospect asked for a copy of all the data we hold about her under GDPR. Where can I download it?",
    expect: {
      category: ["how-to", "account"],
      priority: ["normal", "high"],
      sentiment: ["neutral"],
      docs: [
        "/docs/lead-pipeline#exports-and-a-persons-data",
        "/docs/retention#requests-from-a-person",
      ],
    },
  },
];
