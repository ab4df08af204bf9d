/**
 * The plans: content/plans.ts (edited by operators) validated here, then shown by the Pricing
 * page and enforced by the quota code, so the page and the enforcement cannot disagree.
 */
import { z } from "zod";
import { planCatalogContent } from "../content/plans.ts";

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
  /** Longest retention (days) a workspace may choose for runs, events and leads. */
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
export const planCatalog: PlanCatalog = catalogSchema.parse(planCatalogContent);

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
