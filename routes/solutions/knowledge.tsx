import { SolutionPage } from "../../components/SolutionPage.tsx";
import type { Meta, RouteConfig } from "../../lib/framework/mod.ts";
import { solutionBySlug } from "../../lib/solutions.ts";

const solution = solutionBySlug("knowledge");

/** Knowledge solution metadata. */
export const meta: Meta = {
  title: solution.name,
  description: solution.description,
};

/** The same for every visitor. */
export const config: RouteConfig = { static: true };

/** The knowledge agent's page, with its live demo. */
export default function KnowledgeSolution() {
  return <SolutionPage solution={solution} />;
}
