/**
 * How many agent runs one instance sustains at once with the fake OpenAI-compatible provider
 * streaming like a real model (40 tokens, 25 ms apart: about one second per run). For each
 * level N, N visitors start a run at the same moment and follow its SSE stream to the end; the
 * level holds when every run completes and the 95th-percentile time to first token stays under
 * one second. Run: `deno run -A tests/bench/agent_concurrency.ts [levels...]`.
 */
import { startTestApp } from "../support/app.ts";
import { startFakeOpenAi, textChunks } from "../support/fake_openai.ts";
import { parseSse, Visitor } from "../support/runs.ts";

const levels = Deno.args.length ? Deno.args.map(Number) : [25, 50, 100, 200, 400];
const fake = startFakeOpenAi();
const reply = {
  kind: "stream" as const,
  chunks: textChunks(Array.from({ length: 40 }, (_, i) => `t${i} `)),
  delayMs: 25,
};
fake.fallback = () => reply;
const app = await startTestApp({
  env: {
    OPENAI_API_KEY: "sk-bench",
    OPENAI_BASE_URL: fake.baseURL,
    AGENT_CONCURRENCY: "1000",
    TRUSTED_PROXY: "true",
    LOG_LEVEL: "error",
  },
});

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] : NaN;
};

try {
  for (const n of levels) {
    const started = performance.now();
    const results = await Promise.all(Array.from({ length: n }, async () => {
      const v = new Visitor(app);
      const t0 = performance.now();
      const { res, body } = await v.post("docs-assistant", { question: "How do I deploy?" });
      if (res.status !== 202) return { ok: false, ttft: NaN };
      const stream = await v.fetch(body.streamUrl);
      const reader = stream.body!.pipeThrough(new TextDecoderStream()).getReader();
      let text = "";
      let ttft = NaN;
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        text += value;
        if (Number.isNaN(ttft) && text.includes("event: token")) ttft = performance.now() - t0;
      }
      return { ok: parseSse(text).at(-1)?.event === "done", ttft };
    }));
    const seconds = (performance.now() - started) / 1000;
    const ok = results.filter((r) => r.ok).length;
    const ttft = results.map((r) => r.ttft).filter(Number.isFinite);
    console.log(
      `${n} concurrent runs: ${ok}/${n} completed in ${seconds.toFixed(2)} s; ` +
        `time to first token p50 ${pct(ttft, 50).toFixed(0)} ms, p95 ${
          pct(ttft, 95).toFixed(0)
        } ms`,
    );
  }
} finally {
  await app.stop();
  await fake.close();
}
