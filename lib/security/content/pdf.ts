/** PDF text extraction with page, size and time limits (`unpdf`, pdf.js without a worker). */
import { extractText, getDocumentProxy } from "unpdf";
import { ContentRejected } from "./rejection.ts";

/** Limits for {@link pdfText}. */
export interface PdfLimits {
  maxPages: number;
  maxChars: number;
  timeoutMs?: number;
}

/**
 * The text of a PDF, pages joined by blank lines. Refuses documents with more than `maxPages`
 * pages, unreadable or encrypted ones, and extraction taking longer than `timeoutMs`; keeps at
 * most `maxChars` characters (`truncated` says so).
 */
export async function pdfText(
  bytes: Uint8Array,
  { maxPages, maxChars, timeoutMs = 10_000 }: PdfLimits,
): Promise<{ text: string; pages: number; truncated: boolean }> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new ContentRejected("pdf_unreadable", "The PDF took too long to read.")),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([extract(bytes, maxPages, maxChars), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function extract(bytes: Uint8Array, maxPages: number, maxChars: number) {
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 });
  } catch {
    throw new ContentRejected(
      "pdf_unreadable",
      "The PDF could not be read (damaged or password-protected).",
    );
  }
  try {
    if (pdf.numPages > maxPages) {
      throw new ContentRejected(
        "pdf_too_long",
        `The PDF has ${pdf.numPages} pages; at most ${maxPages} are accepted.`,
        { pages: pdf.numPages, maxPages },
      );
    }
    let result: { text: string[] };
    try {
      result = await extractText(pdf, { mergePages: false });
    } catch {
      throw new ContentRejected("pdf_unreadable", "The PDF's text could not be extracted.");
    }
    const full = result.text.join("\n\n");
    return {
      text: full.slice(0, maxChars),
      pages: pdf.numPages,
      truncated: full.length > maxChars,
    };
  } finally {
    await pdf.loadingTask.destroy().catch(() => {});
  }
}
