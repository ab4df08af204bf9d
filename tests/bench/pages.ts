/**
 * Page throughput against the ceiling: each page measured on the app, then the same bytes
 * served from memory by a plain `Deno.serve` (its own process), reported as a ratio.
 */
import { freePort } from "../support/app_fixture.ts";
import { type HttpLoadResult, measure } from "./http_load.ts";

/** A page to measure, and the headers to fetch it with (a session cookie for the dashboard). */
export interface PageCase {
  name: string;
  path: string;
  headers?: Record<string, string>;
}

/** One page's row of the table. */
export interface PageRow {
  page: string;
  path: string;
  status: number;
  bytes?: number;
  tool?: HttpLoadResult["tool"];
  rps?: number;
  p50Ms?: number;
  p99Ms?: number;
  errors?: number;
  ceilingRps?: number;
  ceilingP50Ms?: number;
  ceilingP99Ms?: number;
  ratio?: number;
}

async function waitUp(url: string) {
  for (let i = 0; i < 200; i++) {
    try {
      await (await fetch(url)).arrayBuffer();
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 25));
    }
  }
  throw new Error(`ceiling server did not start at ${url}`);
}

async function gzipBytes(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new CompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Measures a plain Deno.serve answering every request with `body`. */
export async function ceilingFor(body: Uint8Array, seconds: number): Promise<HttpLoadResult> {
  const file = await Deno.makeTempFile();
  await Deno.writeFile(file, body);
  const port = freePort();
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      new URL("./ceiling_server.ts", import.meta.url).pathname,
      String(port),
      file,
    ],
    stdout: "null",
    stderr: "inherit",
  }).spawn();
  try {
    await waitUp(`http://127.0.0.1:${port}/`);
    return await measure(`http://127.0.0.1:${port}/`, { seconds });
  } finally {
    child.kill();
    await child.status;
    await Deno.remove(file);
  }
}

/** Measures each page on the app at `baseUrl` and its ceiling. */
export async function benchPages(
  baseUrl: string,
  pages: PageCase[],
  seconds: number,
): Promise<PageRow[]> {
  const rows: PageRow[] = [];
  for (const p of pages) {
    const res = await fetch(baseUrl + p.path, { headers: p.headers, redirect: "manual" });
    const body = new Uint8Array(await res.arrayBuffer());
    if (res.status !== 200) {
      rows.push({ page: p.name, path: p.path, status: res.status });
      continue;
    }
    const app = await measure(baseUrl + p.path, { seconds, headers: p.headers });
    // fetch decodes what the app compressed: the ceiling sends the gzip bytes as they are.
    const gzip = /gzip/.test(p.headers?.["accept-encoding"] ?? "");
    const ceiling = await ceilingFor(gzip ? await gzipBytes(body) : body, seconds);
    rows.push({
      page: p.name,
      path: p.path,
      status: res.status,
      bytes: body.length,
      tool: app.tool,
      rps: app.rps,
      p50Ms: app.p50Ms,
      p99Ms: app.p99Ms,
      errors: app.errors,
      ceilingRps: ceiling.rps,
      ceilingP50Ms: ceiling.p50Ms,
      ceilingP99Ms: ceiling.p99Ms,
      ratio: Math.round((app.rps / ceiling.rps) * 100) / 100,
    });
  }
  return rows;
}
