/**
 * Issue 14 item 2: a PDF bomb sent anonymously as the lead qualifier's document to
 * `POST /api/runs` gets a clear 422 while `/healthz` keeps answering fast and the server's
 * memory stays bounded; a visitor over the quota is refused before any document is read.
 * Runs the real server (`main.ts`) as a child process, so its RSS is measured on its own.
 */
import { assert, assertEquals, assertStringIncludes } from "../support/assert.ts";
import { harnessEnv, rssMiB } from "../support/app_fixture.ts";
import { startServerProcess } from "../support/process.ts";
import { Visitor } from "../support/runs.ts";
import { base64, pdfBomb, textPdf } from "../support/pdf.ts";
import { anonymousDemoQuota } from "../../lib/plans.ts";

const METRICS_TOKEN = "bomb-test-metrics-token-0123456789abcdef";
/** Bounds for a busy shared machine; the figures seen are printed. */
const HEALTHZ_BOUND_MS = 5_000;
const RSS_GROWTH_BOUND_MIB = 1_024;

function leadInput(name: string, bytes: Uint8Array) {
  return {
    text: "",
    document: { name, type: "application/pdf", contentBase64: base64(bytes) },
  };
}

/** Polls `/healthz` and the server's RSS until `work` settles; returns the worst figures. */
async function watch<T>(url: string, pid: number, work: Promise<T>) {
  let done = false;
  const settled = work.finally(() => (done = true));
  let worstMs = 0;
  let peakRss = 0;
  let probes = 0;
  const rssLoop = (async () => {
    while (!done) {
      peakRss = Math.max(peakRss, await rssMiB(pid));
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  const healthLoop = (async () => {
    while (!done) {
      const t0 = performance.now();
      const res = await fetch(`${url}/healthz`);
      await res.body?.cancel();
      assertEquals(res.status, 200);
      worstMs = Math.max(worstMs, performance.now() - t0);
      probes++;
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  const value = await settled;
  await Promise.all([rssLoop, healthLoop]);
  return { value, worstMs, peakRss, probes };
}

async function documentsRead(url: string): Promise<number> {
  const res = await fetch(`${url}/metrics`, {
    headers: { authorization: `Bearer ${METRICS_TOKEN}` },
  });
  const text = await res.text();
  return [...text.matchAll(/^relay_documents_read_total\{[^}]*\} (\d+)/gm)]
    .reduce((n, m) => n + Number(m[1]), 0);
}

Deno.test({
  name: "a PDF bomb gets a 422 while /healthz answers fast and RSS stays bounded",
  sanitizeOps: false,
  sanitizeResources: false,
  fn: async () => {
    const dir = await Deno.makeTempDir({ prefix: "relay-bomb-" });
    const server = await startServerProcess(
      harnessEnv(dir, {
        extra: { METRICS_TOKEN, OFFLINE_CHUNK_DELAY_MS: "0", LOG_LEVEL: "warn" },
      }),
      120_000,
    );
    const app = {
      url: server.url,
      fetch: (p: string, i?: RequestInit) => fetch(server.url + p, i),
    };
    try {
      const pid = server.child.pid;
      for (const [kind, mib] of [["zeros", 200], ["text", 150]] as const) {
        const bomb = await pdfBomb(kind, mib);
        const before = await rssMiB(pid);
        const seen = await watch(
          server.url,
          pid,
          new Visitor(app).post("lead-qualifier", leadInput(`${kind}.pdf`, bomb)),
        );
        const { res, body } = seen.value;
        console.log(
          `${kind} bomb ${
            Math.round(bomb.length / 1024)
          } KB -> ${mib} MiB: ${res.status} ${body.error?.code}; ` +
            `/healthz worst ${Math.round(seen.worstMs)} ms over ${seen.probes} probes; ` +
            `RSS ${before} MiB before, peak ${seen.peakRss} MiB`,
        );
        assertEquals(res.status, 422, JSON.stringify(body));
        assertEquals(body.error.code, "pdf_too_complex");
        assertStringIncludes(body.error.message, "expands to more than 64 MB");
        assert(seen.probes > 0, "/healthz was probed during the request");
        assert(seen.worstMs < HEALTHZ_BOUND_MS, `/healthz took ${Math.round(seen.worstMs)} ms`);
        assert(
          seen.peakRss - before < RSS_GROWTH_BOUND_MIB,
          `RSS grew from ${before} to ${seen.peakRss} MiB`,
        );
      }

      const real = new Visitor(app);
      const runId = await real.start(
        "lead-qualifier",
        leadInput("acme.pdf", textPdf("Acme Health is a healthcare company in Boston")),
      );
      const events = await real.stream(runId);
      assertEquals(events.at(-1)!.data.status, "succeeded");

      const spent = new Visitor(app);
      for (let i = 0; i < anonymousDemoQuota.runsPerDay; i++) {
        await spent.start("docs-assistant", { question: `How do I deploy? ${i}` });
      }
      const read = await documentsRead(server.url);
      const refused = await spent.post(
        "lead-qualifier",
        leadInput("late.pdf", await pdfBomb("zeros", 200)),
      );
      assertEquals(refused.res.status, 429);
      assertEquals(refused.body.error.code, "quota_exceeded");
      assertEquals(await documentsRead(server.url), read, "no document was read over the quota");
    } finally {
      await server.stop();
      await Deno.remove(dir, { recursive: true }).catch(() => {});
    }
  },
});
