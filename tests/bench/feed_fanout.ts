/**
 * Demo-feed fan-out figures (not pass/fail): starts the app (main.ts) as its own process, opens
 * CLIENTS (default 1000) SSE connections to `/demo/stream`, records EVENTS events one after
 * another through `POST /demo/record`, and reports the delay from each record request to each
 * delivery (p50, p90, p99, max) and how many deliveries arrived.
 *
 *   deno run -A tests/bench/feed_fanout.ts [clients] [events]
 */
import { startServerProcess } from "../support/process.ts";

const CLIENTS = Number(Deno.args[0] ?? 1000);
const EVENTS = Number(Deno.args[1] ?? 20);
const GAP_MS = 250;

const dir = await Deno.makeTempDir({ prefix: "feed-bench-" });
const server = await startServerProcess({
  DATA_DIR: dir,
  DATABASE_URL: "memory://",
  DEMO_KEY_SECRETS: "k".repeat(40),
  SESSION_SECRETS: "s".repeat(40),
  LOG_LEVEL: "error",
  SSE_MAX_PER_IP: "10000",
}, 120_000);

const now = () => performance.timeOrigin + performance.now();
/** Each event is told apart by its `durationMs` (the public feed keeps no free text). */
const sentAt = new Map<number, number>();
const delays: number[] = [];
let connected = 0;
const abort = new AbortController();

/** Deno's fetch pools connections per HTTP client: spread the streams over several, and keep
 * the record requests on their own. */
const PER_CLIENT = 200;
const pools = Array.from(
  { length: Math.ceil(CLIENTS / PER_CLIENT) },
  () => Deno.createHttpClient({}),
);
const control = Deno.createHttpClient({});

async function client(n: number) {
  const res = await fetch(`${server.url}/demo/stream?last=0&heartbeat=60`, {
    signal: abort.signal,
    client: pools[Math.floor(n / PER_CLIENT)],
  });
  connected++;
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  try {
    while (true) {
      const { done, value } = await reader.read();
      if (done) return;
      buffer += value;
      let i: number;
      while ((i = buffer.indexOf("\n\n")) >= 0) {
        const frame = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        const m = /"durationMs":(\d+)/.exec(frame);
        const sent = m && sentAt.get(Number(m[1]));
        if (sent) delays.push(now() - sent);
      }
    }
  } catch {
    // aborted at the end
  }
}

try {
  const clients = Array.from({ length: CLIENTS }, (_, n) => client(n));
  for (let waited = 0; connected < CLIENTS; waited += 50) {
    if (waited % 5000 === 0) console.error(`connected ${connected}/${CLIENTS}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  console.error(`connected ${connected}/${CLIENTS}; recording ${EVENTS} events`);
  await new Promise((r) => setTimeout(r, 500));
  const { key } = await (await fetch(`${server.url}/demo/key`, { client: control })).json();
  for (let n = 0; n < EVENTS; n++) {
    sentAt.set(n + 1, now());
    const res = await fetch(`${server.url}/demo/record`, {
      client: control,
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-demo-key": key,
        cookie: "consent=analytics",
      },
      body: JSON.stringify({ type: "demo_completed", agent: "lead-qualifier", durationMs: n + 1 }),
    });
    await res.body?.cancel();
    if (res.status !== 202) throw new Error(`record answered ${res.status}`);
    await new Promise((r) => setTimeout(r, GAP_MS));
  }
  const deadline = Date.now() + 10_000;
  while (delays.length < CLIENTS * EVENTS && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
  }
  abort.abort();
  await Promise.race([Promise.allSettled(clients), new Promise((r) => setTimeout(r, 2000))]);
  delays.sort((a, b) => a - b);
  const q = (p: number) => delays[Math.min(delays.length - 1, Math.floor(p * delays.length))];
  const result = {
    clients: CLIENTS,
    events: EVENTS,
    deliveries: delays.length,
    expected: CLIENTS * EVENTS,
    p50Ms: Math.round(q(0.5)),
    p90Ms: Math.round(q(0.9)),
    p99Ms: Math.round(q(0.99)),
    maxMs: Math.round(delays.at(-1) ?? NaN),
  };
  console.log(JSON.stringify(result));
  await Deno.mkdir(new URL("../.out/", import.meta.url), { recursive: true });
  await Deno.writeTextFile(
    new URL("../.out/feed_fanout.json", import.meta.url),
    JSON.stringify(result, null, 2),
  );
} finally {
  abort.abort();
  for (const c of [...pools, control]) c.close();
  await server.stop();
  await Deno.remove(dir, { recursive: true }).catch(() => {});
}
