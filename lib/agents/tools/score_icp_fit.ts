/** `score_icp_fit`: scores firmographics against the ideal-customer profile in settings. */
import { z } from "zod";
import type { Settings } from "../../config.ts";
import type { Tool } from "../types.ts";

/** The ideal-customer profile (settings ICP_*). */
export type IdealCustomerProfile = Settings["icp"];

const args = z.object({
  industry: z.string().nullable().optional(),
  employees: z.number().int().min(0).nullable().optional(),
  region: z.string().nullable().optional(),
  signals: z.array(z.string()).max(20).optional(),
});

/** A fit score from 0 to 100 with a verdict and the reasons behind every point. */
export interface FitScore {
  score: number;
  verdict: "strong fit" | "possible fit" | "poor fit";
  reasons: string[];
  /** What the text did not say; worth asking in the follow-up. */
  unknowns: string[];
}

/** Points per criterion; they add up to 100. */
export const WEIGHTS = { industry: 30, size: 25, region: 20, signals: 25 } as const;
const POINTS_PER_SIGNAL = 10;

/** Scores a company against the profile; pure and deterministic. */
export function scoreFit(facts: z.infer<typeof args>, icp: IdealCustomerProfile): FitScore {
  const reasons: string[] = [];
  const unknowns: string[] = [];
  let score = 0;
  if (!facts.industry) unknowns.push("industry");
  else if (icp.industries.includes(facts.industry.toLowerCase())) {
    score += WEIGHTS.industry;
    reasons.push(`+${WEIGHTS.industry} industry "${facts.industry}" is in the profile`);
  } else reasons.push(`+0 industry "${facts.industry}" is outside the profile`);

  const { min, max } = icp.employees;
  if (facts.employees == null) unknowns.push("company size");
  else if (facts.employees >= min && facts.employees <= max) {
    score += WEIGHTS.size;
    reasons.push(`+${WEIGHTS.size} ${facts.employees} employees is within ${min}-${max}`);
  } else {
    const near = facts.employees >= min / 2 && facts.employees <= max * 2;
    const points = near ? Math.round(WEIGHTS.size / 2) : 0;
    score += points;
    reasons.push(
      `+${points} ${facts.employees} employees is ${
        facts.employees < min ? "below" : "above"
      } ${min}-${max}`,
    );
  }

  if (!facts.region) unknowns.push("region");
  else if (icp.regions.includes(facts.region.toLowerCase())) {
    score += WEIGHTS.region;
    reasons.push(`+${WEIGHTS.region} region "${facts.region}" is served`);
  } else reasons.push(`+0 region "${facts.region}" is not a served region`);

  const signals = (facts.signals ?? []).filter((s) => icp.signals.includes(s.toLowerCase()));
  const signalPoints = Math.min(WEIGHTS.signals, signals.length * POINTS_PER_SIGNAL);
  score += signalPoints;
  if (signals.length) reasons.push(`+${signalPoints} buying signals: ${signals.join(", ")}`);
  else reasons.push("+0 no buying signals found");

  const verdict = score >= 70 ? "strong fit" : score >= 40 ? "possible fit" : "poor fit";
  return { score, verdict, reasons, unknowns };
}

/** The tool: fit score against the configured ideal-customer profile. */
export const scoreIcpFitTool: Tool<z.infer<typeof args>, FitScore> = {
  name: "score_icp_fit",
  description:
    "Score a company's fit (0-100) against our ideal-customer profile from its industry, employee count, region and buying signals. Returns the score, a verdict, the reasons and what is unknown.",
  args,
  run: (facts, env) => Promise.resolve(scoreFit(facts, env.settings.icp)),
};
