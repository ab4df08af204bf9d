/**
 * The three solutions (one per agent), read from content/solutions.ts: the copy of the
 * Solutions pages and the agent id each page's live demo runs.
 */
import { type Solution, solutions } from "../content/solutions.ts";

export { type Solution, solutionPage, solutions, solutionsIndex } from "../content/solutions.ts";

/** The solution with this slug. Throws for an unknown slug (a programming error). */
export function solutionBySlug(slug: Solution["slug"]): Solution {
  const s = solutions.find((x) => x.slug === slug);
  if (!s) throw new Error(`unknown solution ${slug}`);
  return s;
}
