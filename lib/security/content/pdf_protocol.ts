/** Messages between the main thread and the PDF worker. */
import type { PdfTextResult } from "./pdf_extract.ts";
import type { RejectionCode } from "./rejection.ts";

/** A document to read, with its limits. */
export interface PdfJob {
  bytes: Uint8Array;
  maxPages: number;
  maxChars: number;
  maxInflatedBytes: number;
}

/** The worker's answer: the text, or why the document was refused. */
export type PdfReply =
  | (PdfTextResult & { ok: true; inflated: number })
  | { ok: false; reason: RejectionCode; message: string; details?: unknown };
