/**
 * `deno task eval`: runs the evaluation cases on the offline engine, or on the configured
 * provider when OPENAI_API_KEY is set (`--offline` forces the offline engine), prints accuracy
 * per agent and per field, and exits 1 when any agent scores under the pass mark.
 * `--failures` also lists every failed check.
 */
import { loadSettings } from "../../lib/config.ts";
import { type Engine, offlineEngine, providerEngine } from "./engine.ts";
import { formatFailures, formatTable, PASS_MARK, rate, runEval } from "./suite.ts";

const forceOffline = Deno.args.includes("--offline");
const settings = await loadSettings({
  ...Deno.env.toObject(),
  DENO_ENV: "test",
  ...(forceOffline ? { OPENAI_API_KEY: "" } : {}),
});
const kv = await Deno.openKv(":memory:");
const engine: Engine = settings.openaiApiKey
  ? providerEngine(settings, kv)
  : offlineEngine(settings);
console.log(
  `Engine: ${settings.openaiApiKey ? `OpenAI-compatible (${settings.openaiModel})` : "offline"}`,
);
const started = performance.now();
const scores = await runEval(engine);
console.log(formatTable(scores));
if (Deno.args.includes("--failures")) console.log(`\n${formatFailures(scores) || "no failures"}`);
console.log(`\n${((performance.now() - started) / 1000).toFixed(1)} s`);
kv.close();
const failed = scores.filter((s) => rate(s.overall) < PASS_MARK);
if (failed.length) {
  console.error(`Under ${PASS_MARK * 100}%: ${failed.map((s) => s.agent).join(", ")}`);
  Deno.exit(1);
}
