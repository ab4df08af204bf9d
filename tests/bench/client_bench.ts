/**
 * The client and live-feed figures of issue 18, runnable alone:
 *
 *   deno run -A tests/bench/client_bench.ts [fanout] [fanout10k] [transfer] [firstToken]
 *
 * Starts the app as its own process (harness settings, offline engine) and prints JSON.
 * `deno task bench` (tests/bench/run.ts) calls the same exported functions.
 */
import { harnessEnv } from "../support/app_fixture.ts";
import { startServerProcess } from "../support/process.ts";
import { benchDemoFirstToken } from "./demo_first_token.ts";
import { benchFanout } from "./sse_fanout.ts";
import { benchTransfer, sitemapPages } from "./transfer.ts";

const which = new Set(Deno.args.length ? Deno.args : ["fanout"]);
const dataDir = await Deno.makeTempDir({ prefix: "client-bench-" });
const app = await startServerProcess(
  harnessEnv(dataDir, { extra: { LOG_LEVEL: "error" } }),
  120_000,
);
const out: Record<string, unknown> = { loadAverage: Deno.loadavg()[0] };
try {
  if (which.has("fanout")) {
    out.sseFanout = await benchFanout(app.url, { clients: 1000, events: 40, pid: app.child.pid });
  }
  if (which.has("firstToken")) out.demoFirstToken = await benchDemoFirstToken(app.url);
  if (which.has("transfer")) {
    out.transfer = await benchTransfer(app.url, await sitemapPages(app.url));
  }
  if (which.has("fanout10k")) {
    out.sseFanout10k = await benchFanout(app.url, {
      clients: 10_000,
      events: 20,
      gapMs: 300,
      settleMs: 10_000,
      pid: app.child.pid,
    });
  }
} finally {
  await app.stop();
  await Deno.remove(dataDir, { recursive: true });
}
console.log(JSON.stringify(out, null, 2));
