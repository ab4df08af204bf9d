/**
 * PDFs are read in a worker thread: text comes out as before, a bomb is refused by the inflate
 * cap whatever filters wrap it, and a slow document is ended by the time limit while the main
 * thread's event loop keeps running.
 */
import { assert, assertEquals, assertRejects, assertStringIncludes } from "../support/assert.ts";
import { ContentRejected, pdfText } from "../../lib/security/content/mod.ts";
import { deflateRepeated, pdfBomb, pdfWithContent, textPdf } from "../support/pdf.ts";

const limits = { maxPages: 50, maxChars: 10_000 };
const MiB = 1024 * 1024;

/** The longest gap between ticks of a 10 ms timer while `fn` runs. */
async function longestStall<T>(fn: () => Promise<T>): Promise<{ value: T; stallMs: number }> {
  let last = performance.now();
  let stallMs = 0;
  const tick = setInterval(() => {
    const now = performance.now();
    stallMs = Math.max(stallMs, now - last);
    last = now;
  }, 10);
  try {
    return { value: await fn(), stallMs };
  } finally {
    clearInterval(tick);
  }
}

Deno.test("a PDF's text is read in the worker", async () => {
  const result = await pdfText(textPdf("Quarterly report"), limits);
  assertEquals(result.pages, 1);
  assertStringIncludes(result.text, "Quarterly report");
});

Deno.test("PDF bombs are refused at the inflate cap, also behind ASCIIHex and RunLength", async () => {
  for (const kind of ["zeros", "text"] as const) {
    const bomb = await pdfBomb(kind, 200);
    assert(bomb.length < 1024 * 1024, `${kind} bomb: ${bomb.length} bytes`);
    const { value: err, stallMs } = await longestStall(() =>
      assertRejects(() => pdfText(bomb, limits), ContentRejected)
    );
    assertEquals([err.status, err.code], [422, "pdf_too_complex"]);
    assertStringIncludes(err.message, "expands to more than 64 MB");
    assert(stallMs < 1000, `the event loop stalled ${Math.round(stallMs)} ms`);
  }
  const deflated = await deflateRepeated(new Uint8Array(MiB), 100);
  const hex = Array.from(deflated, (b) => b.toString(16).padStart(2, "0")).join("") + ">";
  const wrapped = pdfWithContent(
    new TextEncoder().encode(hex),
    "/Filter [/ASCIIHexDecode /FlateDecode]",
  );
  const chained = await assertRejects(() => pdfText(wrapped, limits), ContentRejected);
  assertEquals(chained.code, "pdf_too_complex");
  const runs = new Uint8Array(2 * 40_000).map((_, i) => (i % 2 ? 0 : 129));
  const rl = pdfWithContent(runs, "/Filter /RunLengthDecode");
  const small = await assertRejects(
    () => pdfText(rl, { ...limits, maxInflatedBytes: 4 * MiB }),
    ContentRejected,
  );
  assertEquals(small.code, "pdf_too_complex");
});

Deno.test("a PDF that reads too long is ended by the time limit; the event loop keeps running", async () => {
  const slow = await pdfBomb("text", 60);
  const { value: err, stallMs } = await longestStall(() =>
    assertRejects(() => pdfText(slow, { ...limits, timeoutMs: 300 }), ContentRejected)
  );
  assertEquals([err.status, err.code], [422, "pdf_too_complex"]);
  assertStringIncludes(err.message, "took too long");
  assert(stallMs < 1000, `the event loop stalled ${Math.round(stallMs)} ms`);
});

Deno.test("encrypted and LZW-compressed PDFs are refused as unreadable", async () => {
  const encrypted = new TextEncoder().encode(
    new TextDecoder().decode(textPdf("secret")).replace(
      "/Root 1 0 R",
      "/Root 1 0 R /Encrypt 9 0 R",
    ),
  );
  const enc = await assertRejects(() => pdfText(encrypted, limits), ContentRejected);
  assertEquals(enc.code, "pdf_unreadable");
  assertStringIncludes(enc.message, "Encrypted PDFs are not accepted");
  const lzw = pdfWithContent(new Uint8Array([0x80, 0x0b, 0x60, 0x50]), "/Filter /LZWDecode");
  assertStringIncludes(
    (await assertRejects(() => pdfText(lzw, limits), ContentRejected)).message,
    "LZW",
  );
});

Deno.test("a PDF that grows the process's memory past the budget is ended by the watchdog", async () => {
  const heavy = await pdfBomb("text", 60);
  const err = await assertRejects(
    () => pdfText(heavy, { ...limits, rssGrowthMiB: 16 }),
    ContentRejected,
  );
  assertEquals([err.status, err.code], [422, "pdf_too_complex"]);
  assertStringIncludes(err.message, "needs too much memory");
});
