/** PDF text extraction with `unpdf` (pdf.js without its own worker); runs inside the PDF worker. */
import { extractText, getDocumentProxy } from "unpdf";
import { ContentRejected } from "./rejection.ts";

/** Extracted text of a PDF. */
export interface PdfTextResult {
  text: string;
  pages: number;
  truncated: boolean;
}

/**
 * The text of a PDF, pages joined by blank lines, at most `maxChars` characters; refuses more
 * than `maxPages` pages and unreadable or password-protected documents.
 */
export async function extractPdfText(
  bytes: Uint8Array,
  maxPages: number,
  maxChars: number,
): Promise<PdfTextResult> {
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
