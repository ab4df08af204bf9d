/** Checks on content coming in: uploads and fetched documents, and quoting text for models. */
export { scanContent, type ScannedContent, type ScanOptions } from "./scan.ts";
export { type QuotedText, quoteUntrusted, UNTRUSTED_CONTENT_RULE } from "./quote.ts";
export { ContentRejected, type RejectionCode } from "./rejection.ts";
export { type ContentKind, isPlainText, sniffKind } from "./sniff.ts";
export { containsEicar, eicarTestString } from "./eicar.ts";
export { clamdScan, type ClamVerdict, parseClamavUrl } from "./clamav.ts";
export { type PdfLimits, pdfText } from "./pdf.ts";
