/**
 * Demo runs against the fake OpenAI-compatible server: time to first token one run at a time,
 * then runs per second sustained by a closed loop of visitors, with the queue delay (created
 * to started, from the run record) of every run.
 */
import { textChunks } from "../support/fake_openai.ts";
import { percentile } from "./load.ts";
import { runOnce, runView } from "./run_client.ts";

/** The chunks the fake streams for every bench run: 24 tokens, 2 ms apart. */
export const BENCH_REPLY = {
  kind: "stream" as const,
  chunks: textChunks(Array.from({ length: 24 }, (_, i) => `tok${i} `)),
  delayMs: 2,
};

/** The run figures. */
export interface RunsResult {
  sequentialRuns: number;
  ttftP50Ms: number;
  ttftP99Ms: number;
  concurrency: number;
  seconds: number;
  completed: number;
  failed: number;
  refused: number;
  runsPerSecond: number;
  queueDelayP50Ms: number;
  queueDelayP99Ms: number;
  serverTtftP50Ms: number;
}

const r2 = (n: number) => Math.round(n * 100) / 100;
const ms = (a: string | null, b: string | null) =>
  a && b ? new Date(b).getTime() - new Date(a).getTime() : NaN;

/** Measures runs on the app at `baseUrl` (configured with the fake as its provider). */
export async function benchRuns(
  baseUrl: string,
  { sequential = 20, concurrency = 16, seconds = 5 } = {},
): Promise<RunsResult> {
  const input = { question: "How do I deploy the site?" };
  const ttft: number[] = [];
  for (let i = 0; i < sequential; i++) {
    const r = await runOnce(baseUrl, "docs-assistant", input);
    if (r.firstTokenMs !== undefined) ttft.push(r.firstTokenMs);
  }
  let completed = 0;
  let failed = 0;
  let refused = 0;
  const finished: Awaited<ReturnType<typeof runOnce>>[] = [];
  const end = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (performance.now() < end) {
      const r = await runOnce(baseUrl, "docs-assistant", input);
      if (r.status !== 202) refused++;
      else if (r.events.at(-1)?.event === "done") {
        completed++;
        finished.push(r);
      } else failed++;
    }
  }));
  const elapsed = (performance.now() - started) / 1000;
  const queue: number[] = [];
  const serverTtft: number[] = [];
  for (const r of finished.slice(0, 200)) {
    const { body } = await runView(baseUrl, r);
    queue.push(ms(body.createdAt, body.startedAt));
    serverTtft.push(ms(body.createdAt, body.firstTokenAt));
  }
  const sort = (xs: number[]) => xs.filter(Number.isFinite).sort((a, b) => a - b);
  const [t, q, st] = [sort(ttft), sort(queue), sort(serverTtft)];
  return {
    sequentialRuns: sequential,
    ttftP50Ms: r2(percentile(t, 50)),
    ttftP99Ms: r2(percentile(t, 99)),
    concurrency,
    seconds,
    completed,
    failed,
    refused,
    runsPerSecond: r2(completed / elapsed),
    queueDelayP50Ms: r2(percentile(q, 50)),
    queueDelayP99Ms: r2(percentile(q, 99)),
    serverTtftP50Ms: r2(percentile(st, 50)),
  };
}
