/**
 * The price list. lib/plans.ts validates it, the Pricing page shows it and the quota code
 * enforces its limits: runs per day, tokens and model spend per month (refused before any
 * spend), the longest retention a workspace may choose, and the anonymous demo's quota. Change
 * a number here and both the page and the enforcement change. Only list features that every
 * plan really gets or that the code really gates.
 */

/** The plans, comparison rows and anonymous demo quota (validated by lib/plans.ts). */
export const planCatalogContent = {
  currency: "USD",
  plans: [
    {
      id: "free",
      name: "Free",
      summary: "Try all three agents on your own data.",
      monthlyUsd: 0,
      annualMonthlyUsd: 0,
      limits: {
        requestsPerDay: 100,
        tokensPerMonth: 200_000,
        costCeilingUsdPerMonth: 2,
        retentionDays: 7,
      },
      highlights: ["100 agent runs a day", "200k tokens a month", "$2 model spend a month"],
      cta: { label: "Start free", href: "/signin" },
      featured: false,
    },
    {
      id: "starter",
      name: "Starter",
      summary: "One agent in production for a small team.",
      monthlyUsd: 49,
      annualMonthlyUsd: 39,
      limits: {
        requestsPerDay: 2_000,
        tokensPerMonth: 5_000_000,
        costCeilingUsdPerMonth: 50,
        retentionDays: 30,
      },
      highlights: ["2,000 agent runs a day", "5M tokens a month", "$50 model spend a month"],
      cta: { label: "Start with Starter", href: "/signin?plan=starter" },
      featured: false,
    },
    {
      id: "team",
      name: "Team",
      summary: "All agents at volume, for a whole team.",
      monthlyUsd: 199,
      annualMonthlyUsd: 159,
      limits: {
        requestsPerDay: 20_000,
        tokensPerMonth: 50_000_000,
        costCeilingUsdPerMonth: 500,
        retentionDays: 90,
      },
      highlights: ["20,000 agent runs a day", "50M tokens a month", "$500 model spend a month"],
      cta: { label: "Start with Team", href: "/signin?plan=team" },
      featured: true,
    },
    {
      id: "enterprise",
      name: "Enterprise",
      summary: "Your limits, your deployment, your contract.",
      monthlyUsd: null,
      annualMonthlyUsd: null,
      limits: {
        requestsPerDay: null,
        tokensPerMonth: null,
        costCeilingUsdPerMonth: null,
        retentionDays: null,
      },
      highlights: [
        "Negotiated run, token and spend limits",
        "Any retention period",
        "Self-hosted deployment (Docker or Deno Deploy)",
      ],
      cta: { label: "Talk to sales", href: "/contact?topic=enterprise" },
      featured: false,
    },
  ],
  features: [
    {
      group: "Agents",
      label: "Sales agent (lead qualification)",
      values: { free: true, starter: true, team: true, enterprise: true },
    },
    {
      group: "Agents",
      label: "Support agent (ticket triage)",
      values: { free: true, starter: true, team: true, enterprise: true },
    },
    {
      group: "Agents",
      label: "Knowledge agent (docs Q&A)",
      values: { free: true, starter: true, team: true, enterprise: true },
    },
    {
      group: "Observability",
      label: "Live run streaming",
      values: { free: true, starter: true, team: true, enterprise: true },
    },
    {
      group: "Observability",
      label: "Dashboard: runs, leads, usage",
      values: { free: true, starter: true, team: true, enterprise: true },
    },
    {
      group: "Integrations",
      label: "API tokens for the Runs API",
      values: { free: true, starter: true, team: true, enterprise: true },
    },
    {
      group: "Security",
      label: "Workspace roles",
      values: { free: true, starter: true, team: true, enterprise: true },
    },
    {
      group: "Security",
      label: "Tamper-evident audit log",
      values: { free: true, starter: true, team: true, enterprise: true },
    },
    {
      group: "Security",
      label: "Data export and deletion on request",
      values: { free: true, starter: true, team: true, enterprise: true },
    },
  ],
  anonymousDemoQuota: { runsPerDay: 10, tokensPerDay: 20_000, maxInputChars: 2_000 },
};
