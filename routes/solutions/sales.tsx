import { SolutionPage } from "../../components/SolutionPage.tsx";
import type { Meta, RouteConfig } from "../../lib/framework/mod.ts";
import { solutionBySlug } from "../../lib/solutions.ts";

const solution = solutionBySlug("sales");

/** Sales solution metadata. */
export const meta: Meta = {
  title: solution.name,
  description: solution.description,
};

/** The same for every visitor. */
export const config: RouteConfig = { static: true };

/** The sales agent's page, with its live demo. */
export default function SalesSolution() {
  return <SolutionPage solution={solution} />;
}
