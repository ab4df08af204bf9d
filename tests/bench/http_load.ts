/**
 * HTTP throughput and latency of one URL: `wrk` when it is installed (the Deno fetch client is
 * itself the bottleneck on 2 cores), otherwise the closed-loop fetch generator of load.ts.
 */
import { type LoadResult, runLoad } from "./load.ts";

/** A measurement, with the tool that made it. */
export interface HttpLoadResult extends LoadResult {
  tool: "wrk" | "fetch";
}

/** Options of one measurement. */
export interface HttpLoadOptions {
  seconds: number;
  connections?: number;
  headers?: Record<string, string>;
}

let wrkPath: string | null | undefined;

/** The path of `wrk`, or null when it is not installed (or `BENCH_TOOL=fetch`). */
export async function findWrk(): Promise<string | null> {
  if (wrkPath !== undefined) return wrkPath;
  if (Deno.env.get("BENCH_TOOL") === "fetch") return wrkPath = null;
  try {
    const out = await new Deno.Command("sh", { args: ["-c", "command -v wrk"] }).output();
    wrkPath = out.success ? new TextDecoder().decode(out.stdout).trim() || null : null;
  } catch {
    wrkPath = null;
  }
  return wrkPath;
}

let tasksetFound: boolean | undefined;

async function hasTaskset(): Promise<boolean> {
  if (tasksetFound !== undefined) return tasksetFound;
  try {
    const out = await new Deno.Command("sh", { args: ["-c", "command -v taskset"] }).output();
    return tasksetFound = out.success;
  } catch {
    return tasksetFound = false;
  }
}

const UNIT_MS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000 };

/** Milliseconds of a wrk duration such as `635.91us`, `1.23ms` or `2.01s`. */
export function wrkDurationMs(text: string): number {
  const m = /^([\d.]+)(us|ms|s|m)$/.exec(text.trim());
  if (!m) return NaN;
  return Number(m[1]) * UNIT_MS[m[2]];
}

/** Parses `wrk --latency` output. */
export function parseWrk(output: string): LoadResult {
  const num = (re: RegExp) => Number(re.exec(output)?.[1] ?? NaN);
  const pct = (p: number) =>
    wrkDurationMs(new RegExp(`^\\s*${p}%\\s+(\\S+)`, "m").exec(output)?.[1] ?? "");
  const requests = num(/(\d+) requests in/);
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(output)?.[1] ?? 0);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(
    output,
  );
  const socketErrors = socket ? socket.slice(1).reduce((a, b) => a + Number(b), 0) : 0;
  return {
    requests,
    errors: non2xx + socketErrors,
    rps: Math.round(num(/Requests\/sec:\s+([\d.]+)/)),
    p50Ms: Math.round(pct(50) * 100) / 100,
    p99Ms: Math.round(pct(99) * 100) / 100,
  };
}

/** Loads `url` for `seconds` with `connections` open connections and reports what it saw. */
export async function measure(url: string, options: HttpLoadOptions): Promise<HttpLoadResult> {
  const connections = options.connections ?? 50;
  const wrk = await findWrk();
  if (!wrk) {
    const r = await runLoad(url, {
      concurrency: connections,
      seconds: options.seconds,
      headers: options.headers ?? {},
    });
    return { ...r, tool: "fetch" };
  }
  const args = [
    "-t2",
    `-c${connections}`,
    `-d${options.seconds}s`,
    "--timeout",
    "10s",
    "--latency",
  ];
  for (const [k, v] of Object.entries(options.headers ?? {})) args.push("-H", `${k}: ${v}`);
  // The method: wrk on CPU 1 while the server under test is pinned to CPU 0.
  const pinned = navigator.hardwareConcurrency >= 2 && Deno.env.get("BENCH_PIN") !== "0" &&
    await hasTaskset();
  const [cmd, cmdArgs] = pinned
    ? ["taskset", ["-c", "1", wrk, ...args, url]]
    : [wrk, [...args, url]];
  const out = await new Deno.Command(cmd, { args: cmdArgs, stdout: "piped" }).output();
  const text = new TextDecoder().decode(out.stdout);
  if (!out.success) throw new Error(`wrk failed:\n${text}`);
  return { ...parseWrk(text), tool: "wrk" };
}
