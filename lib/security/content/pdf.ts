/**
 * PDF text extraction off the main thread: each document is read by a fresh worker thread
 * (lib/security/content/pdf_worker.ts) with a heap limit, a time limit and a cap on the bytes
 * its streams inflate to. The main thread terminates the worker when time runs out or the
 * process's resident memory grows past a budget, so a PDF bomb costs one worker, never the
 * event loop. At most `maxConcurrentPdfs` documents are read at once; a short queue waits.
 */
import { Worker } from "node:worker_threads";
import { metrics } from "../../telemetry/metrics.ts";
import { contentLimits } from "../rules.ts";
import type { PdfTextResult } from "./pdf_extract.ts";
import type { PdfJob, PdfReply } from "./pdf_protocol.ts";
import { ContentRejected } from "./rejection.ts";

/** Limits for {@link pdfText}; the unset ones come from `contentLimits`. */
export interface PdfLimits {
  maxPages: number;
  maxChars: number;
  timeoutMs?: number;
  maxInflatedBytes?: number;
  /** Heap of the worker thread, in MiB. */
  heapMiB?: number;
  /** Growth of the process's resident memory while reading, in MiB, before the worker is ended. */
  rssGrowthMiB?: number;
}

const WATCH_MS = 25;
const MiB = 1024 * 1024;

let reading = 0;
const waiting: (() => void)[] = [];

async function slot(): Promise<() => void> {
  if (reading >= contentLimits.maxConcurrentPdfs) {
    if (waiting.length >= contentLimits.maxQueuedPdfs) {
      throw new ContentRejected(
        "scanner_unavailable",
        "Many documents are being read right now. Please try again in a minute.",
      );
    }
    await new Promise<void>((resolve) => waiting.push(resolve));
  }
  reading++;
  return () => {
    reading--;
    waiting.shift()?.();
  };
}

/**
 * The text of a PDF, pages joined by blank lines, at most `maxChars` characters. Throws
 * {@link ContentRejected}: `pdf_too_long` past `maxPages`, `pdf_unreadable` for damaged,
 * encrypted or LZW documents, `pdf_too_complex` past the inflate cap, the heap or memory
 * budget or the time limit.
 */
export async function pdfText(bytes: Uint8Array, limits: PdfLimits): Promise<PdfTextResult> {
  const release = await slot();
  try {
    const result = await inWorker(bytes, limits);
    metrics.documentRead({ kind: "pdf", outcome: "ok" });
    return result;
  } catch (error) {
    const outcome = error instanceof ContentRejected ? error.reason : "error";
    metrics.documentRead({ kind: "pdf", outcome });
    throw error;
  } finally {
    release();
  }
}

function inWorker(bytes: Uint8Array, limits: PdfLimits): Promise<PdfTextResult> {
  const maxInflatedBytes = limits.maxInflatedBytes ?? contentLimits.maxPdfInflatedBytes;
  const timeoutMs = limits.timeoutMs ?? contentLimits.pdfTimeoutMs;
  const heapMiB = limits.heapMiB ?? contentLimits.pdfHeapMiB;
  const rssBudget = (limits.rssGrowthMiB ?? contentLimits.pdfRssGrowthMiB) * MiB;
  const worker = new Worker(new URL("./pdf_worker.ts", import.meta.url), {
    resourceLimits: { maxOldGenerationSizeMb: heapMiB },
  });
  const baseline = Deno.memoryUsage().rss;
  return new Promise<PdfTextResult>((resolve, reject) => {
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearInterval(watch);
      worker.terminate().catch(() => {});
      outcome();
    };
    const refuse = (why: string) =>
      finish(() =>
        reject(
          new ContentRejected(
            "pdf_too_complex",
            `${why} Send a smaller document, or paste its text.`,
            { timeoutMs, heapMiB, rssGrowthMiB: rssBudget / MiB },
          ),
        )
      );
    const timer = setTimeout(() => refuse("The PDF took too long to read."), timeoutMs);
    const watch = setInterval(() => {
      if (Deno.memoryUsage().rss - baseline > rssBudget) {
        refuse("The PDF needs too much memory to read.");
      }
    }, WATCH_MS);
    worker.on("message", (reply: PdfReply) =>
      finish(() => {
        if (reply.ok) {
          resolve({ text: reply.text, pages: reply.pages, truncated: reply.truncated });
        } else reject(new ContentRejected(reply.reason, reply.message, reply.details));
      }));
    worker.on(
      "error",
      (error: Error & { code?: string }) =>
        error.code === "ERR_WORKER_OUT_OF_MEMORY"
          ? refuse("The PDF needs too much memory to read.")
          : finish(() =>
            reject(new ContentRejected("pdf_unreadable", "The PDF could not be read."))
          ),
    );
    worker.on(
      "exit",
      () =>
        finish(() => reject(new ContentRejected("pdf_unreadable", "The PDF could not be read."))),
    );
    const job: PdfJob = {
      bytes,
      maxPages: limits.maxPages,
      maxChars: limits.maxChars,
      maxInflatedBytes,
    };
    worker.postMessage(job);
  });
}
