/**
 * Support triage cases: tickets as customers write them, worded fresh. Each expected field lists
 * the acceptable answers; `docs` lists URL prefixes of pages or sections that would help (null:
 * no docs page is expected to help, so the field is not scored).
 */
export interface TriageCase {
  customerName?: string;
  subject?: string;
  body: string;
  expect: {
    category: string[];
    priority: string[];
    sentiment: string[];
    docs: string[] | null;
  };
}

const BILLING_DOCS = [
  "/docs/dashboard#usage-and-quotas",
  "/docs/security#quotas-per-workspace-and-plan",
  "/docs/agents#prices",
];

/** The support triage agent's evaluation cases. */
export const TRIAGE_CASES: TriageCase[] = [
  {
    subject: "Everything is down",
    body:
      "None of our agents have answered for the last 20 minutes and the dashboard shows a 502. Our whole support team is blocked. Please look at this right now.",
    expect: {
      category: ["outage"],
      priority: ["urgent"],
      sentiment: ["negative"],
      docs: ["/docs/operations", "/docs/deployment#probes"],
    },
  },
  {
    subject: "Question about VAT on our invoice",
    body:
      "Hello, our finance team needs the November invoice to show our VAT number. Could you reissue it? Thanks!",
    expect: {
      category: ["billing"],
      priority: ["normal"],
      sentiment: ["neutral", "positive"],
      docs: BILLING_DOCS,
    },
  },
  {
    subject: "Answer stops mid-sentence",
    body:
      "When I run the docs assistant the text starts streaming and then just freezes halfway through. Refreshing the page shows the full answer. Chrome on Windows.",
    expect: {
      category: ["bug"],
      priority: ["normal", "high"],
      sentiment: ["neutral"],
      docs: [
        "/docs/runs-api#follow-a-run",
        "/docs/operations#live-feeds-not-updating",
        "/docs/demo-feed-api#follow-the-feed",
        "/docs/architecture#live-streams",
        "/docs/deployment#graceful-shutdown",
      ],
    },
  },
  {
    subject: "Can't log in",
    body:
      "I click the sign-in link from the email and it says the link has expired. I've tried three times now and I'm getting really frustrated.",
    expect: {
      category: ["account"],
      priority: ["normal", "high"],
      sentiment: ["negative"],
      docs: ["/docs/accounts"],
    },
  },
  {
    subject: "Feature idea",
    body:
      "Would love to see a Microsoft Teams notification channel next to Slack. Keep up the great work!",
    expect: {
      category: ["feature request"],
      priority: ["low"],
      sentiment: ["positive"],
      docs: ["/docs/lead-pipeline#notifications"],
    },
  },
  {
    body:
      "How do I rotate the webhook secret without breaking our CRM integration while we switch over?",
    expect: {
      category: ["how-to"],
      priority: ["normal"],
      sentiment: ["neutral"],
      docs: [
        "/docs/security#rotating-a-signing-key",
        "/docs/configuration#key-lists-and-rotation",
        "/docs/operations#rotating-a-secret",
        "/docs/lead-pipeline#verifying-the-crm-webhook",
      ],
    },
  },
  {
    customerName: "Priya",
    subject: "Refund request",
    body:
      "We upgraded to the Team plan by mistake yesterday and would like a refund for the difference.",
    expect: {
      category: ["billing"],
      priority: ["normal", "high"],
      sentiment: ["neutral"],
      docs: BILLING_DOCS,
    },
  },
  {
    subject: "URGENT: export showing other customers' leads?",
    body:
      "One of our users says the CSV export showed leads from another workspace. If that's true it's a serious security problem, please escalate immediately.",
    expect: {
      category: ["bug"],
      priority: ["urgent"],
      sentiment: ["negative", "neutral"],
      docs: ["/docs/lead-pipeline#exports-and-a-persons-data", "/docs/accounts"],
    },
  },
  {
    subject: "Our API token stopped working",
    body:
      "Since this morning every call with our token gets a 401. Did something change? We haven't touched it.",
    expect: {
      category: ["account", "bug"],
      priority: ["normal", "high"],
      sentiment: ["neutral"],
      docs: ["/docs/accounts#api-tokens"],
    },
  },
  {
    subject: "Pricing page very slow",
    body:
      "The pricing page takes 6 to 8 seconds to load for us in Sydney. Other sites load fine on the same connection.",
    expect: {
      category: ["bug", "outage"],
      priority: ["normal", "high"],
      sentiment: ["neutral"],
      docs: ["/docs/operations", "/docs/slo", "/docs/deployment"],
    },
  },
  {
    subject: "Thank you!",
    body:
      "Just wanted to say the lead qualifier saved our sales reps hours this week. Thanks to the whole team.",
    expect: {
      category: ["other"],
      priority: ["low", "normal"],
      sentiment: ["positive"],
      docs: null,
    },
  },
  {
    customerName: "Marco",
    subject: "Billed twice again",
    body:
      "Our card was billed twice for December. This is the second time this has happened and honestly we are considering cancelling.",
    expect: {
      category: ["billing"],
      priority: ["high"],
      sentiment: ["negative"],
      docs: BILLING_DOCS,
    },
  },
  {
    body: "How do I invite a colleague to our workspace as an admin?",
    expect: {
      category: ["how-to", "account"],
      priority: ["normal"],
      sentiment: ["neutral"],
      docs: ["/docs/accounts#workspaces-and-roles"],
    },
  },
  {
    subject: "Setting up Okta",
    body:
      "We'd like our employees to sign in through Okta. What do we need to configure on our side?",
    expect: {
      category: ["how-to", "account"],
      priority: ["normal"],
      sentiment: ["neutral"],
      docs: ["/docs/accounts#any-openid-connect-provider", "/docs/accounts#sign-in-methods"],
    },
  },
  {
    subject: "Production outage - runs stuck in queued",
    body:
      "Since 14:05 UTC every run stays queued and never starts. This is blocking our production support flow for all of our customers.",
    expect: {
      category: ["outage"],
      priority: ["urgent"],
      sentiment: ["negative", "neutral"],
      docs: [
        "/docs/operations#runs-stuck-or-failing",
        "/docs/operations#relayqueue",
        "/docs/agents#retries-dead-letters-and-the-sweeper",
        "/docs/agents#how-a-run-executes",
        "/docs/runs-api#reliability",
      ],
    },
  },
  {
    subject: "Usage numbers look wrong",
    body:
      "The usage page says we used 2 million tokens this month but our own logs show about 300k. Can you check?",
    expect: {
      category: ["bug", "billing"],
      priority: ["normal", "high"],
      sentiment: ["neutral"],
      docs: ["/docs/dashboard#usage-and-quotas", "/docs/security#quotas-per-workspace-and-plan"],
    },
  },
  {
    subject: "PDF uploads",
    body: "Is it possible to upload a PDF for the agents to read, and how large can it be?",
    expect: {
      category: ["how-to"],
      priority: ["normal"],
      sentiment: ["neutral"],
      docs: ["/docs/agents", "/docs/security#content-coming-in"],
    },
  },
  {
    subject: "Delete my data",
    body:
      "Please delete all the personal data you hold about me (jane@example.org) as required under GDPR.",
    expect: {
      category: ["account", "other"],
      priority: ["normal", "high"],
      sentiment: ["neutral"],
      docs: [
        "/docs/retention#requests-from-a-person",
        "/docs/lead-pipeline#exports-and-a-persons-data",
        "/docs/privacy-and-consent",
      ],
    },
  },
  {
    subject: "Error page when sending the contact form",
    body:
      "Every time I submit the contact form I get an error page with a request id. I tried two different browsers.",
    expect: {
      category: ["bug"],
      priority: ["normal", "high"],
      sentiment: ["neutral"],
      docs: ["/docs/lead-pipeline", "/docs/operations"],
    },
  },
  {
    subject: "Dark mode?",
    body: "Dark mode for the dashboard would be really nice, our ops team works nights.",
    expect: {
      category: ["feature request"],
      priority: ["low"],
      sentiment: ["neutral", "positive"],
      docs: null,
    },
  },
  {
    subject: "Cancelling our subscription",
    body:
      "We'd like to cancel our subscription at the end of this billing period. What happens to our data afterwards?",
    expect: {
      category: ["billing"],
      priority: ["normal"],
      sentiment: ["neutral"],
      docs: [...BILLING_DOCS, "/docs/retention", "/docs/dashboard#settings"],
    },
  },
  {
    customerName: "Lena",
    subject: "Site unreachable!!!",
    body:
      "Your website has been returning 503 for everyone in our office for an hour!!! We have a demo with a client in 30 minutes.",
    expect: {
      category: ["outage"],
      priority: ["urgent"],
      sentiment: ["negative"],
      docs: ["/docs/operations", "/docs/deployment#probes"],
    },
  },
  {
    subject: "Hitting 429s",
    body:
      "We keep getting 429 responses when our batch job starts 50 runs at once. What are the limits, and can they be raised?",
    expect: {
      category: ["how-to", "bug"],
      priority: ["normal", "high"],
      sentiment: ["neutral"],
      docs: [
        "/docs/security#rate-limits",
        "/docs/security#quotas-per-workspace-and-plan",
        "/docs/operations#too-much-traffic",
        "/docs/security#where-to-change-a-limit",
      ],
    },
  },
  {
    subject: "Love it, one question",
    body:
      "Great product! Quick question: can I use our own Azure OpenAI deployment instead of the offline engine?",
    expect: {
      category: ["how-to"],
      priority: ["normal"],
      sentiment: ["positive"],
      docs: ["/docs/agents#openai-compatible-providers", "/docs/agents#the-offline-engine-default"],
    },
  },
  {
    subject: "Password reset",
    body: "I forgot my password and there is no reset link on the sign-in page.",
    expect: {
      category: ["account"],
      priority: ["normal"],
      sentiment: ["neutral"],
      docs: ["/docs/accounts"],
    },
  },
  {
    subject: "Webhook signatures never verify",
    body:
      "Our endpoint rejects every lead.created webhook because the signature check fails. We followed the docs exactly. This is broken.",
    expect: {
      category: ["bug"],
      priority: ["normal", "high"],
      sentiment: ["negative"],
      docs: ["/docs/lead-pipeline#verifying-the-crm-webhook"],
    },
  },
];
