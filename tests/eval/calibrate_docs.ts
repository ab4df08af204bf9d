/**
 * `deno task eval:calibrate`: calibrates the docs assistant's answer thresholds on the main
 * docs cases only. It searches once per case, then grades the offline answer for every point
 * of a small grid, and prints the best points on the main set with the held-out score of each
 * (read, never used to choose). Points are ranked by passed checks less wrong answers (an
 * answer to an uncovered question, or one citing none of the right sections): a wrong answer
 * costs more than an honest "not in the docs"; then by passed checks, then the strictest. Copy the chosen point into THRESHOLDS in
 * lib/agents/definitions/docs_answer.ts.
 */
import { searchDocs } from "../../lib/docs/search.ts";
import { searchDocsTool } from "../../lib/agents/tools/search_docs.ts";
import {
  answerFromDocs,
  type AnswerThresholds,
  THRESHOLDS,
} from "../../lib/agents/definitions/docs_answer.ts";
import { loadSettings } from "../../lib/config.ts";
import { DOCS_CASES, type DocsCase } from "./cases/docs_cases.ts";
import { DOCS_HOLDOUT } from "./cases/holdout.ts";
import { gradeDocs } from "./grade.ts";

const settings = await loadSettings({ DENO_ENV: "test", OPENAI_API_KEY: "" });
const env = { settings, searchDocs, signal: AbortSignal.timeout(60_000) };

async function searched(cases: DocsCase[]) {
  const out = [];
  for (const c of cases) {
    out.push({ c, ...await searchDocsTool.run({ query: c.question, limit: 4 }, env) });
  }
  return out;
}

const main = await searched(DOCS_CASES);
const holdout = await searched(DOCS_HOLDOUT);

/** Passed checks, total checks and wrong answers of the cases with thresholds `t`. */
function score(set: typeof main, t: AnswerThresholds): [number, number, number] {
  let passed = 0;
  let total = 0;
  let wrong = 0;
  for (const { c, results, unmentioned } of set) {
    const output = answerFromDocs(c.question, results, unmentioned, t);
    const checks = gradeDocs(c, { output, calls: [] });
    total += checks.length;
    passed += checks.filter((k) => k.ok).length;
    if (checks[0].got === "answered" && checks.some((k) => !k.ok)) wrong++;
  }
  return [passed, total, wrong];
}

const grid: AnswerThresholds[] = [];
for (const minCoverage of [0.3, 0.35, 0.4, 0.45, 0.5]) {
  for (const minEvidence of [0.5, 0.6, 0.7, 0.8, 0.9, 1]) {
    for (const otherSectionShare of [0.5, 0.6, 0.8]) {
      for (const minOtherSentence of [0.2, 0.25, 0.35]) {
        for (const minOtherCoverage of [0.3, 0.45]) {
          grid.push({
            minCoverage,
            minEvidence,
            otherSectionShare,
            minOtherSentence,
            minOtherCoverage,
          });
        }
      }
    }
  }
}
const pct = ([p, t, w]: [number, number, number]) =>
  `${p}/${t} ${(p / t * 100).toFixed(1)}% (${w} wrong answers)`;
console.log(
  `current: main ${pct(score(main, THRESHOLDS))}, held out ${pct(score(holdout, THRESHOLDS))}`,
);
const strictness = (t: AnswerThresholds) => Object.values(t).reduce((a, b) => a + b, 0);
const ranked = grid.map((t) => ({ t, m: score(main, t) }))
  .sort((a, b) =>
    (b.m[0] - b.m[2]) - (a.m[0] - a.m[2]) || b.m[0] - a.m[0] || strictness(b.t) - strictness(a.t)
  );
for (const { t, m } of ranked.slice(0, 10)) {
  console.log(`${JSON.stringify(t)} main ${pct(m)} held out ${pct(score(holdout, t))}`);
}
