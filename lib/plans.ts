/**
 * The plans: one data file that the Pricing page shows and the quota code enforces, so the
 * page and the enforcement cannot disagree. Validated with zod when the module loads.
 */
import { z } from "zod";

/** Plan ids, cheapest first. */
export const PLAN_IDS = ["free", "starter", "team", "enterprise"] as const;

/** One of {@link PLAN_IDS}. */
export type PlanId = typeof PLAN_IDS[number];

/** A limit: a non-negative integer, or null for "negotiated in the contract" (enterprise). */
const limit = z.number().int().nonnegative().nullable();

const limitsSchema = z.object({
  /** Agent runs (API requests that start a run) per tenant per UTC day. */
  requestsPerDay: limit,
  /** Model tokens (prompt + completion) per tenant per calendar month. */
  tokensPerMonth: limit,
  /** Provider spend ceiling per tenant per calendar month, in US dollars. */
  costCeilingUsdPerMonth: z.number().nonnegative().nullable(),
  /** Workspace members. */
  seats: limit,
  /** Days run transcripts, events and leads are kept before the retention sweep. */
  retentionDays: limit,
});

const planSchema = z.object({
  id: z.enum(PLAN_IDS),
  name: z.string().min(1),
  /** One line under the plan name. */
  summary: z.string().min(1),
  /** Price per month when billed monthly, USD; null = custom quote. */
  monthlyUsd: z.number().nonnegative().nullable(),
  /** Price per month when billed annually, USD; null = custom quote. */
  annualMonthlyUsd: z.number().nonnegative().nullable(),
  limits: limitsSchema,
  /** Short bullets on the plan card. */
  highlights: z.array(z.string().min(1)).min(1),
  /** Call to action on the plan card. */
  cta: z.object({ label: z.string().min(1), href: z.string().startsWith("/") }),
  /** Marked as the recommended plan. */
  featured: z.boolean(),
});

/** A feature row of the comparison table: a value per plan (true/false or text). */
const featureSchema = z.object({
  group: z.string().min(1),
  label: z.string().min(1),
  values: z.record(z.enum(PLAN_IDS), z.union([z.boolean(), z.string().min(1)])),
});

const anonymousQuotaSchema = z.object({
  /** Demo agent runs one anonymous visitor may start per UTC day. */
  runsPerDay: z.number().int().positive(),
  /** Model tokens one anonymous visitor may spend per UTC day. */
  tokensPerDay: z.number().int().positive(),
  /** Longest input (characters) an anonymous demo run accepts. */
  maxInputChars: z.number().int().positive(),
});

const catalogSchema = z.object({
  currency: z.literal("USD"),
  plans: z.array(planSchema).length(PLAN_IDS.length),
  features: z.array(featureSchema).min(1),
  anonymousDemoQuota: anonymousQuotaSchema,
}).superRefine((catalog, ctx) => {
  catalog.plans.forEach((plan, i) => {
    if (plan.id !== PLAN_IDS[i]) {
      ctx.addIssue({ code: "custom", message: `plan ${i} must be ${PLAN_IDS[i]}` });
    }
    if ((plan.monthlyUsd === null) !== (plan.annualMonthlyUsd === null)) {
      ctx.addIssue({ code: "custom", message: `${plan.id}: both prices or neither` });
    }
    if (
      plan.monthlyUsd !== null && plan.annualMonthlyUsd !== null &&
      plan.annualMonthlyUsd > plan.monthlyUsd
    ) {
      ctx.addIssue({ code: "custom", message: `${plan.id}: annual must not cost more` });
    }
  });
});

/** Usage limits of a plan; null means negotiated per contract (no fixed ceiling). */
export type PlanLimits = z.infer<typeof limitsSchema>;
/** One plan. */
export type Plan = z.infer<typeof planSchema>;
/** One comparison-table row. */
export type PlanFeature = z.infer<typeof featureSchema>;
/** Per-visitor limits for the anonymous live demo. */
export type AnonymousDemoQuota = z.infer<typeof anonymousQuotaSchema>;
/** The whole price list. */
export type PlanCatalog = z.infer<typeof catalogSchema>;

/** The plan catalog (validated at import; a bad edit fails at start-up and in tests). */
export const planCatalog: PlanCatalog = catalogSchema.parse({
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
        seats: 1,
        retentionDays: 7,
      },
      highlights: ["100 agent runs a day", "200k tokens a month", "1 seat", "7-day history"],
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
        seats: 3,
        retentionDays: 30,
      },
      highlights: [
        "2,000 agent runs a day",
        "5M tokens a month",
        "3 seats",
        "30-day history",
        "Slack and webhook alerts",
      ],
      cta: { label: "Start with Starter", href: "/signin?plan=starter" },
      featured: false,
    },
    {
      id: "team",
      name: "Team",
      summary: "All agents, shared dashboards, roles and audit log.",
      monthlyUsd: 199,
      annualMonthlyUsd: 159,
      limits: {
        requestsPerDay: 20_000,
        tokensPerMonth: 50_000_000,
        costCeilingUsdPerMonth: 500,
        seats: 15,
        retentionDays: 90,
      },
      highlights: [
        "20,000 agent runs a day",
        "50M tokens a month",
        "15 seats with roles",
        "90-day history",
        "SSO with OpenID Connect",
        "Audit log export",
      ],
      cta: { label: "Start with Team", href: "/signin?plan=team" },
      featured: true,
    },
    {
      id: "enterprise",
      name: "Enterprise",
      summary: "Your limits, your cloud, your contract.",
      monthlyUsd: null,
      annualMonthlyUsd: null,
      limits: {
        requestsPerDay: null,
        tokensPerMonth: null,
        costCeilingUsdPerMonth: null,
        seats: null,
        retentionDays: null,
      },
      highlights: [
        "Negotiated run and token limits",
        "Unlimited seats",
        "Custom retention",
        "Self-hosted or dedicated deployment",
        "99.9% uptime SLA",
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
      group: "Agents",
      label: "Bring your own model (OpenAI-compatible)",
      values: { free: false, starter: true, team: true, enterprise: true },
    },
    {
      group: "Observability",
      label: "Live run streaming",
      values: { free: true, starter: true, team: true, enterprise: true },
    },
    {
      group: "Observability",
      label: "Operations dashboard",
      values: { free: "Read-only", starter: true, team: true, enterprise: true },
    },
    {
      group: "Observability",
      label: "OpenTelemetry export",
      values: { free: false, starter: false, team: true, enterprise: true },
    },
    {
      group: "Integrations",
      label: "Slack and webhook notifications",
      values: { free: false, starter: true, team: true, enterprise: true },
    },
    {
      group: "Integrations",
      label: "API tokens",
      values: { free: "1", starter: "5", team: "Unlimited", enterprise: "Unlimited" },
    },
    {
      group: "Security",
      label: "Single sign-on (OpenID Connect)",
      values: { free: false, starter: false, team: true, enterprise: true },
    },
    {
      group: "Security",
      label: "Tamper-evident audit log",
      values: { free: false, starter: "View", team: "View and export", enterprise: true },
    },
    {
      group: "Security",
      label: "Data export and deletion on request",
      values: { free: true, starter: true, team: true, enterprise: true },
    },
    {
      group: "Support",
      label: "Support channel",
      values: {
        free: "Community",
        starter: "Email",
        team: "Email, 1 business day",
        enterprise: "Dedicated engineer",
      },
    },
    {
      group: "Support",
      label: "Uptime SLA",
      values: { free: false, starter: false, team: "99.5%", enterprise: "99.9%" },
    },
  ],
  anonymousDemoQuota: { runsPerDay: 10, tokensPerDay: 20_000, maxInputChars: 2_000 },
});

/** The plans, cheapest first. */
export const plans: readonly Plan[] = planCatalog.plans;

/** Per-visitor limits of the anonymous live demo on the marketing pages. */
export const anonymousDemoQuota: AnonymousDemoQuota = planCatalog.anonymousDemoQuota;

/** True when `id` names a plan. */
export function isPlanId(id: string): id is PlanId {
  return (PLAN_IDS as readonly string[]).includes(id);
}

/** The plan with this id, or undefined for an unknown id. */
export function planById(id: string): Plan | undefined {
  return plans.find((p) => p.id === id);
}

/** Limits of a plan (unknown ids get the free plan's limits, the safe default). */
export function limitsFor(id: string): PlanLimits {
  return (planById(id) ?? plans[0]).limits;
}

/** Yearly savings in percent of the annual price against monthly billing, rounded; 0 if none. */
export function annualSavingsPercent(plan: Plan): number {
  if (!plan.monthlyUsd || plan.annualMonthlyUsd === null) return 0;
  return Math.round((1 - plan.annualMonthlyUsd / plan.monthlyUsd) * 100);
}
