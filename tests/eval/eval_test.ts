/**
 * The agent evaluation on the offline engine, in CI: every case of tests/eval/cases, graded per
 * field. Every agent must score the pass mark (90%) or more.
 */
import { assert } from "../support/assert.ts";
import { loadSettings } from "../../lib/config.ts";
import { offlineEngine } from "./engine.ts";
import { formatFailures, formatTable, PASS_MARK, rate, runEval } from "./suite.ts";

Deno.test("offline agents score at least the pass mark per agent on the evaluation", async () => {
  const settings = await loadSettings({ DENO_ENV: "test", OPENAI_API_KEY: "" });
  const scores = await runEval(offlineEngine(settings));
  const table = formatTable(scores);
  for (const s of scores) {
    assert(
      rate(s.overall) >= PASS_MARK,
      `${s.agent} scored ${(rate(s.overall) * 100).toFixed(1)}% (pass mark ${
        PASS_MARK * 100
      }%)\n${table}\n${formatFailures([s])}`,
    );
  }
  assert(scores.every((s) => s.cases.length >= 25), "at least 25 cases per agent");
});
