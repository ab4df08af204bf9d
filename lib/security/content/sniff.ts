/**
 * The type of a file by its content (`file-type` magic numbers, then a strict text check),
 * never by its name or declared type alone: only plain text, Markdown, CSV and PDF pass;
 * archives and compressed data are refused outright (no decompression bombs).
 */
import { ContentRejected } from "./rejection.ts";

/** Content kinds accepted. */
export type ContentKind = "txt" | "md" | "csv" | "pdf";

/** Archive and compression formats, refused whatever their name says. */
const ARCHIVES = new Set([
  "zip",
  "gz",
  "bz2",
  "xz",
  "7z",
  "rar",
  "tar",
  "zst",
  "lz",
  "lzh",
  "cab",
  "ar",
  "rpm",
  "deb",
  "arj",
  "cpio",
  "Z",
  "lz4",
  "jar",
  "apk",
  "xpi",
  "crx",
  "dmg",
  "iso",
  "docx",
  "xlsx",
  "pptx",
  "odt",
  "ods",
  "odp",
  "epub",
]);

/** True when `bytes` decode as UTF-8 text without NULs or other binary control characters. */
export function isPlainText(bytes: Uint8Array): boolean {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0c && c !== 0x0d) || c === 0x7f) {
      return false;
    }
  }
  return true;
}

function textKind(filename: string | undefined, declared: string | undefined): ContentKind {
  const ext = filename?.toLowerCase().split(".").pop();
  if (ext === "md" || ext === "markdown" || declared === "text/markdown") return "md";
  if (ext === "csv" || declared === "text/csv") return "csv";
  return "txt";
}

/** Detects the kind of `bytes`; throws {@link ContentRejected} for anything not allowed. */
export async function sniffKind(
  bytes: Uint8Array,
  { filename, declaredType }: { filename?: string; declaredType?: string } = {},
): Promise<ContentKind> {
  const { fileTypeFromBuffer } = await import("file-type");
  const detected = await fileTypeFromBuffer(bytes);
  if (detected) {
    if (detected.ext === "pdf") return "pdf";
    if (ARCHIVES.has(detected.ext) || /zip|compress|archive/.test(detected.mime)) {
      throw new ContentRejected(
        "archive_refused",
        "Archives and compressed files are not accepted. Upload the text, Markdown, CSV or PDF file itself.",
        { detected: detected.ext },
      );
    }
    throw new ContentRejected(
      "unsupported_type",
      `This file is ${detected.ext.toUpperCase()}; only text, Markdown, CSV and PDF are accepted.`,
      { detected: detected.ext },
    );
  }
  if (!isPlainText(bytes)) {
    throw new ContentRejected(
      "unsupported_type",
      "This file is not text, Markdown, CSV or PDF.",
    );
  }
  return textKind(filename, declaredType?.split(";")[0].trim().toLowerCase());
}
