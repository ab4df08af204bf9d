/**
 * A separate process holding many SSE clients of one stream, so their parsing does not share a
 * CPU queue with whoever measures them. Usage: `sse_clients.ts <url> <count>`.
 *
 * Prints `READY <n>` once every client has its response headers, then keeps reading. On stdin
 * `REPORT\n` it prints one JSON line `{ clients, ids: { <id>: number[] } }`: per event id, the
 * wall-clock arrival time (ms, `performance.timeOrigin + now()`) at each client that got it,
 * plus per-client `dupes`/`outOfOrder` counts; then it exits.
 */
const [url, countArg] = Deno.args;
const count = Number(countArg);
const arrivals = new Map<string, number[]>();
let dupes = 0;
let outOfOrder = 0;
let failed = 0;
const controller = new AbortController();

async function client(ready: () => void) {
  let res: Response;
  try {
    res = await fetch(url, { headers: { accept: "text/event-stream" }, signal: controller.signal });
  } catch {
    failed++;
    ready();
    return;
  }
  ready();
  if (!res.ok || !res.body) {
    failed++;
    await res.body?.cancel();
    return;
  }
  const seen = new Set<string>();
  let last = -1;
  let buffer = "";
  try {
    for await (const chunk of res.body.pipeThrough(new TextDecoderStream())) {
      const now = performance.timeOrigin + performance.now();
      buffer += chunk;
      let end: number;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const m = /^id: ?(.*)$/m.exec(block);
        if (!m || !/^data:/m.test(block)) continue;
        const id = m[1];
        if (seen.has(id)) {
          dupes++;
          continue;
        }
        seen.add(id);
        if (Number(id) < last) outOfOrder++;
        last = Number(id);
        let list = arrivals.get(id);
        if (!list) arrivals.set(id, list = []);
        list.push(now);
      }
    }
  } catch {
    // aborted at the end
  }
}

let connected = 0;
Promise.all(Array.from({ length: count }, () =>
  client(() => {
    if (++connected === count) console.log(`READY ${count - failed}`);
  })));

for await (const line of Deno.stdin.readable.pipeThrough(new TextDecoderStream())) {
  if (line.includes("REPORT")) break;
}
const ids = Object.fromEntries(arrivals);
console.log(JSON.stringify({ clients: count - failed, failed, dupes, outOfOrder, ids }));
controller.abort();
Deno.exit(0);
