/**
 * The PDF worker: counts what the document's streams inflate to, then extracts its text. It
 * runs in a worker thread with its own heap limit, so a hostile document can stall or exhaust
 * only this thread, which the main thread terminates (lib/security/content/pdf.ts).
 */
import { parentPort } from "node:worker_threads";
import { extractPdfText } from "./pdf_extract.ts";
import { assertInflatesWithin } from "./pdf_inflate.ts";
import { ContentRejected } from "./rejection.ts";
import type { PdfJob, PdfReply } from "./pdf_protocol.ts";

parentPort?.on("message", async (job: PdfJob) => {
  let reply: PdfReply;
  try {
    const inflated = await assertInflatesWithin(job.bytes, job.maxInflatedBytes);
    const result = await extractPdfText(job.bytes, job.maxPages, job.maxChars);
    reply = { ok: true, ...result, inflated };
  } catch (error) {
    reply = error instanceof ContentRejected
      ? { ok: false, reason: error.reason, message: error.message, details: error.details }
      : { ok: false, reason: "pdf_unreadable", message: "The PDF could not be read." };
  }
  parentPort?.postMessage(reply);
});
