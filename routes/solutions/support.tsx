import { SolutionPage } from "../../components/SolutionPage.tsx";
import type { Meta, RouteConfig } from "../../lib/framework/mod.ts";
import { solutionBySlug } from "../../lib/solutions.ts";

const solution = solutionBySlug("support");

/** Support solution metadata. */
export const meta: Meta = {
  title: solution.name,
  description: solution.description,
};

/** The same for every visitor. */
export const config: RouteConfig = { static: true };

/** The support agent's page, with its live demo. */
export default function SupportSolution() {
  return <SolutionPage solution={solution} />;
}
