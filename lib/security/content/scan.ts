/**
 * The checks every upload and fetched document passes before any tool or model sees it: size,
 * type by content against the allowlist (txt, md, csv, pdf), no archives, the EICAR signature,
 * ClamAV (INSTREAM) when `CLAMAV_URL` is set, and text extraction with limits (PDFs in a worker
 * thread with time, memory and inflated-size limits: lib/security/content/pdf.ts).
 */
import { logger } from "../../telemetry/log.ts";
import { contentLimits } from "../rules.ts";
import { clamdScan } from "./clamav.ts";
import { containsEicar } from "./eicar.ts";
import { pdfText } from "./pdf.ts";
import { ContentRejected } from "./rejection.ts";
import { type ContentKind, sniffKind } from "./sniff.ts";

/** Accepted content, reduced to text. */
export interface ScannedContent {
  kind: ContentKind;
  /** Extracted text (at most `contentLimits.maxTextChars`). */
  text: string;
  bytes: number;
  /** PDF pages. */
  pages?: number;
  truncated: boolean;
}

/** Options for {@link scanContent}. */
export interface ScanOptions {
  filename?: string;
  declaredType?: string;
  /** `tcp://host:port` of clamd (settings.clamavUrl); absent: built-in checks only. */
  clamavUrl?: string;
  maxBytes?: number;
}

/**
 * Checks `bytes` and returns their text, or throws {@link ContentRejected} (an HttpError:
 * 413 too large, 415 type or archive, 422 malware, bad PDF or PDF bomb, 503 scanner unreachable
 * or busy).
 */
export async function scanContent(
  bytes: Uint8Array,
  options: ScanOptions = {},
): Promise<ScannedContent> {
  const maxBytes = options.maxBytes ?? contentLimits.maxFileBytes;
  if (bytes.byteLength > maxBytes) {
    throw new ContentRejected(
      "file_too_large",
      `The file is too large: at most ${Math.floor(maxBytes / 1024 / 1024)} MB is accepted.`,
      { maxBytes },
    );
  }
  if (containsEicar(bytes)) {
    logger.warn("malware refused", { signature: "EICAR-Test-File", source: "builtin" });
    throw new ContentRejected("malware_detected", "The file was refused: it contains malware.", {
      signature: "EICAR-Test-File",
    });
  }
  const kind = await sniffKind(bytes, options);
  if (options.clamavUrl) await clamCheck(options.clamavUrl, bytes);
  const limit = contentLimits.maxTextChars;
  if (kind === "pdf") {
    const pdf = await pdfText(bytes, { maxPages: contentLimits.maxPdfPages, maxChars: limit });
    return {
      kind,
      text: pdf.text,
      bytes: bytes.byteLength,
      pages: pdf.pages,
      truncated: pdf.truncated,
    };
  }
  const text = new TextDecoder().decode(bytes);
  return {
    kind,
    text: text.slice(0, limit),
    bytes: bytes.byteLength,
    truncated: text.length > limit,
  };
}

async function clamCheck(url: string, bytes: Uint8Array) {
  let verdict;
  try {
    verdict = await clamdScan(url, bytes);
  } catch (error) {
    logger.error("clamd unavailable", { error: (error as Error).message });
    throw new ContentRejected(
      "scanner_unavailable",
      "Files cannot be checked right now, so none are accepted. Please try again later.",
    );
  }
  if (!verdict.clean) {
    logger.warn("malware refused", { signature: verdict.signature, source: "clamd" });
    throw new ContentRejected("malware_detected", "The file was refused: it contains malware.", {
      signature: verdict.signature,
    });
  }
}
