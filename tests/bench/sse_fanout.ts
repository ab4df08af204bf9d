/**
 * SSE fan-out: many `/demo/stream` clients (in their own process, sse_clients.ts) and events
 * recorded with `POST /demo/record`; for each event, the time from sending the POST to its
 * arrival at each client, and to its arrival at every client.
 */
import { percentile } from "./load.ts";

/** What the client process reports. */
export interface ClientsReport {
  clients: number;
  failed: number;
  dupes: number;
  outOfOrder: number;
  ids: Record<string, number[]>;
}

/** The SSE client process. */
export interface SseClients {
  connected: number;
  /** Asks for the arrivals and waits for the process to exit. */
  report(): Promise<ClientsReport>;
  kill(): Promise<void>;
}

/** Starts `count` clients of `url` in a child process and waits until all are connected. */
export async function startSseClients(url: string, count: number): Promise<SseClients> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", new URL("./sse_clients.ts", import.meta.url).pathname, url, String(count)],
    stdin: "piped",
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const lines = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  const nextLine = async (): Promise<string> => {
    while (!buffer.includes("\n")) {
      const { value, done } = await lines.read();
      if (done) throw new Error("SSE client process ended early");
      buffer += value;
    }
    const i = buffer.indexOf("\n");
    const line = buffer.slice(0, i);
    buffer = buffer.slice(i + 1);
    return line;
  };
  const ready = await nextLine();
  const connected = Number(/^READY (\d+)/.exec(ready)?.[1] ?? NaN);
  const writer = child.stdin.getWriter();
  return {
    connected,
    async report() {
      await writer.write(new TextEncoder().encode("REPORT\n"));
      const report = JSON.parse(await nextLine()) as ClientsReport;
      await writer.close().catch(() => {});
      await child.status;
      return report;
    },
    async kill() {
      try {
        child.kill("SIGKILL");
      } catch { /* gone */ }
      await child.status;
    },
  };
}

/** Wall-clock now in ms, comparable across processes on this machine. */
export const wallNow = () => performance.timeOrigin + performance.now();

/** Headers for recording events as a consenting visitor with the page's demo key. */
export async function recorderHeaders(baseUrl: string, ip: string): Promise<Headers> {
  const { key } = await (await fetch(`${baseUrl}/demo/key`)).json();
  return new Headers({
    "content-type": "application/json",
    "x-demo-key": key,
    cookie: "consent=analytics",
    "x-forwarded-for": ip,
  });
}

/** The fan-out figures. */
export interface FanoutResult {
  clients: number;
  events: number;
  /** Events that reached every client. */
  deliveredToAll: number;
  /** POST to arrival at every client (the slowest client), over events. */
  allP50Ms: number;
  allP99Ms: number;
  /** POST to arrival, over every (event, client) pair. */
  eachP50Ms: number;
  eachP99Ms: number;
  dupes: number;
  outOfOrder: number;
  /** Latency of the POST /demo/record requests themselves. */
  recordP50Ms: number;
  recordP99Ms: number;
  /**
   * CPU time (user + system) the server process spent per event while the events went out,
   * when its pid was given: less skewed by other work on the machine than the latencies.
   */
  serverCpuMsPerEvent?: number;
  /** Server RSS at the end, when its pid was given. */
  serverRssMiB?: number;
}

/** CPU time (user + system, ms) a Linux process used so far, or NaN. */
export function cpuMs(pid: number): number {
  try {
    const stat = Deno.readTextFileSync(`/proc/${pid}/stat`);
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

/** Resident memory of a Linux process in MiB, or NaN. */
export function rssOf(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(Deno.readTextFileSync(`/proc/${pid}/status`));
    return m ? Math.round(Number(m[1]) / 1024) : NaN;
  } catch {
    return NaN;
  }
}

const r2 = (n: number) => Math.round(n * 100) / 100;

/**
 * Opens `clients` streams, records `events` events `gapMs` apart, measures delivery. With the
 * server's `pid`, also its CPU time per event and its RSS.
 */
export async function benchFanout(
  baseUrl: string,
  { clients = 1000, events = 60, gapMs = 100, settleMs = 2000, pid }: {
    clients?: number;
    events?: number;
    gapMs?: number;
    /** How long to wait after the last event for late deliveries. */
    settleMs?: number;
    pid?: number;
  } = {},
): Promise<FanoutResult> {
  const sse = await startSseClients(`${baseUrl}/demo/stream?last=0`, clients);
  const cpuStart = pid ? cpuMs(pid) : NaN;
  const sent = new Map<string, number>();
  const posts: number[] = [];
  try {
    const headers = await recorderHeaders(baseUrl, "198.51.100.7");
    for (let i = 0; i < events; i++) {
      const t0 = wallNow();
      const res = await fetch(`${baseUrl}/demo/record`, {
        method: "POST",
        headers,
        body: JSON.stringify({ type: "page_view", path: `/bench/${i}` }),
      });
      const body = await res.json();
      posts.push(wallNow() - t0);
      if (res.status !== 202) {
        throw new Error(`record answered ${res.status}: ${JSON.stringify(body)}`);
      }
      sent.set(String(body.seq), t0);
      await new Promise((r) => setTimeout(r, gapMs));
    }
    await new Promise((r) => setTimeout(r, settleMs));
  } catch (error) {
    await sse.kill();
    throw error;
  }
  const cpuUsed = pid ? cpuMs(pid) - cpuStart : NaN;
  const rss = pid ? rssOf(pid) : NaN;
  const report = await sse.report();
  const all: number[] = [];
  const each: number[] = [];
  for (const [id, t0] of sent) {
    const got = report.ids[id] ?? [];
    for (const t of got) each.push(t - t0);
    if (got.length === report.clients) all.push(Math.max(...got) - t0);
  }
  all.sort((a, b) => a - b);
  each.sort((a, b) => a - b);
  posts.sort((a, b) => a - b);
  return {
    clients: report.clients,
    events: sent.size,
    deliveredToAll: all.length,
    allP50Ms: r2(percentile(all, 50)),
    allP99Ms: r2(percentile(all, 99)),
    eachP50Ms: r2(percentile(each, 50)),
    eachP99Ms: r2(percentile(each, 99)),
    dupes: report.dupes,
    outOfOrder: report.outOfOrder,
    recordP50Ms: r2(percentile(posts, 50)),
    recordP99Ms: r2(percentile(posts, 99)),
    ...(pid ? { serverCpuMsPerEvent: r2(cpuUsed / sent.size), serverRssMiB: rss } : {}),
  };
}
