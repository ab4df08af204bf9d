/**
 * Docs assistant cases: questions a visitor would type, worded fresh (not the docs' sentences).
 * `cites` lists every section that answers the question (any one of them counts); `null` means
 * the docs do not cover it and the honest answer is to say so.
 */
export interface DocsCase {
  question: string;
  cites: string[] | null;
}

/** The docs assistant's evaluation cases. */
export const DOCS_CASES: DocsCase[] = [
  {
    question: "What do I need installed to try Relay on my laptop?",
    cites: ["/docs/running-locally", "/docs/running-locally#start-the-site"],
  },
  {
    question: "Can I point the app at my own Postgres database rather than the built-in one?",
    cites: ["/docs/running-locally#use-a-postgresql-server-instead-of-pglite"],
  },
  {
    question: "Which command runs the full CI check (format, lint, types, tests) before I push?",
    cites: ["/docs/running-locally#run-the-tests", "/docs/load-and-chaos#in-ci"],
  },
  {
    question: "How do I wipe my local data and start over from scratch?",
    cites: ["/docs/running-locally#reset-local-state"],
  },
  {
    question: "Where do the browser tests find Chromium?",
    cites: ["/docs/running-locally#run-the-tests"],
  },
  {
    question: "How can I hand a secret to the app as a mounted file in Kubernetes?",
    cites: ["/docs/configuration#secrets-from-files", "/docs/security#secrets"],
  },
  {
    question: "What happens to signed-in users when I swap the session signing key?",
    cites: [
      "/docs/operations#rotating-a-secret",
      "/docs/configuration#key-lists-and-rotation",
      "/docs/security#rotating-a-signing-key-sessions-demo-keys-webhooks",
      "/docs/running-locally#reset-local-state",
      "/docs/accounts#sessions",
    ],
  },
  {
    question: "How long does a login session stay valid?",
    cites: ["/docs/accounts#sessions"],
  },
  {
    question: "How do I let people log in with their Google account?",
    cites: ["/docs/accounts#google"],
  },
  {
    question: "What is an admin allowed to do in a workspace compared with a member?",
    cites: ["/docs/accounts#workspaces-and-roles"],
  },
  {
    question: "How do I get a token so a script can call the API?",
    cites: ["/docs/accounts#api-tokens"],
  },
  {
    question: "How do I start an agent over HTTP without creating it twice when my client retries?",
    cites: ["/docs/runs-api#start-a-run"],
  },
  {
    question: "My connection to the run stream dropped. How do I carry on without missing tokens?",
    cites: ["/docs/runs-api#follow-a-run", "/docs/operations#live-feeds-not-updating"],
  },
  {
    question: "Can I stop an agent that is already working on something?",
    cites: ["/docs/runs-api#cancel-a-run", "/docs/agents#retries-dead-letters-and-the-sweeper"],
  },
  {
    question: "What does the readyz endpoint look at?",
    cites: ["/docs/deployment#probes", "/docs/operations#health-first"],
  },
  {
    question: "What happens to open event streams when an instance gets SIGTERM?",
    cites: ["/docs/deployment#graceful-shutdown"],
  },
  {
    question: "How do I host it myself with Docker Compose?",
    cites: ["/docs/deployment#self-hosting-with-docker-compose"],
  },
  {
    question: "Which environment variables must be set before production will boot?",
    cites: ["/docs/deployment#production-settings", "/docs/configuration"],
  },
  {
    question: "How is the dollar cost of a run worked out?",
    cites: ["/docs/agents#prices"],
  },
  {
    question: "Can I connect a model I serve myself with Ollama?",
    cites: ["/docs/agents#openai-compatible-providers"],
  },
  {
    question: "What does the lead qualifier compare a company against when it scores it?",
    cites: ["/docs/agents#the-ideal-customer-profile", "/docs/agents#tools"],
  },
  {
    question: "Is anything about a visitor stored before they accept cookies?",
    cites: [
      "/docs/privacy-and-consent",
      "/docs/privacy-and-consent#categories",
      "/docs/demo-feed-api#consent-comes-first",
    ],
  },
  {
    question: "Does the site respect the Global Privacy Control signal?",
    cites: ["/docs/privacy-and-consent#browser-signals"],
  },
  {
    question: "How can my CRM check that a webhook call really came from Relay?",
    cites: ["/docs/lead-pipeline#verifying-the-crm-webhook"],
  },
  {
    question: "What keeps bots from flooding the contact form?",
    cites: ["/docs/lead-pipeline#spam-protection"],
  },
  {
    question: "For how many days are demo events kept before they are deleted?",
    cites: ["/docs/retention", "/docs/retention#scheduled-jobs"],
  },
  {
    question: "Could an admin quietly change old audit log entries?",
    cites: ["/docs/audit-trail#guarantees", "/docs/audit-trail"],
  },
  {
    question: "What should I do when calls to the LLM provider keep failing?",
    cites: [
      "/docs/operations#relayllmproviderfailing",
      "/docs/operations#relayllmerrorsbudgetburn",
    ],
  },
  {
    question: "What is the largest file I can upload for an agent to read?",
    cites: ["/docs/security#content-coming-in", "/docs/agents#the-agents", "/docs/agents"],
  },
  {
    question: "How are rate limits enforced across several instances?",
    cites: ["/docs/security#rate-limits", "/docs/operations#too-much-traffic"],
  },
  { question: "Does Relay integrate with Microsoft Teams?", cites: null },
  { question: "Can I pay my invoice with PayPal?", cites: null },
  { question: "How do I fine-tune a custom model on my own support tickets?", cites: null },
  { question: "Is there an iPhone app?", cites: null },
  { question: "Who founded the company, and when?", cites: null },
  { question: "Can Relay answer phone calls from my customers?", cites: null },
];
