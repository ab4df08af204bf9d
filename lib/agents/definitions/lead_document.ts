/**
 * Documents the lead qualifier reads: a txt, md, csv or pdf upload sent as base64 in the run
 * input. Before any tool sees it, the bytes pass the content checks of lib/security/content
 * (size, type by content, archives, EICAR, ClamAV when configured, PDF text extraction), and
 * only the extracted text is kept with the run.
 */
import { Buffer } from "node:buffer";
import { z } from "zod";
import { storableText, text } from "../../validation/text.ts";
import type { Settings } from "../../config.ts";
import { scanContent } from "../../security/content/mod.ts";

/** Largest document accepted, in bytes. */
export const MAX_DOCUMENT_BYTES = 2 * 1024 * 1024;

/** Characters of a document's text kept for the agent (run records live in KV). */
export const MAX_DOCUMENT_CHARS = 16_000;

/** An upload as sent: name, declared media type and base64 content. */
export const uploadSchema = z.object({
  name: text().trim().min(1).max(200),
  type: text().trim().max(100).optional(),
  contentBase64: text().min(1).max(Math.ceil(MAX_DOCUMENT_BYTES / 3) * 4 + 4, {
    message: `The document must be at most ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB`,
  }).regex(/^[A-Za-z0-9+/]+={0,2}$/, { message: "The document is not valid base64" }),
});

/** A document after the checks: its name, kind and text. */
export const readDocumentSchema = z.object({
  name: text().max(200),
  kind: z.enum(["txt", "md", "csv", "pdf"]),
  text: text().max(MAX_DOCUMENT_CHARS + 100),
});

/** A checked document. */
export type ReadDocument = z.infer<typeof readDocumentSchema>;

/**
 * Checks an upload and extracts its text; refused content throws the checks' 4xx (413, 415,
 * 422) with a message a person can act on.
 */
export async function readUpload(
  upload: z.infer<typeof uploadSchema>,
  settings: Pick<Settings, "clamavUrl">,
): Promise<ReadDocument> {
  const bytes = new Uint8Array(Buffer.from(upload.contentBase64, "base64"));
  const scanned = await scanContent(bytes, {
    filename: upload.name,
    declaredType: upload.type,
    clamavUrl: settings.clamavUrl,
    maxBytes: MAX_DOCUMENT_BYTES,
  });
  const clean = storableText(scanned.text);
  const kept = clean.length > MAX_DOCUMENT_CHARS
    ? `${clean.slice(0, MAX_DOCUMENT_CHARS)}\n[… document truncated]`
    : clean;
  return { name: upload.name, kind: scanned.kind, text: kept };
}

/** A CSV turned into "header: value" lines, so extraction reads it like prose. */
function csvAsText(csv: string): string {
  const rows = csv.split(/\r?\n/).filter((r) => r.trim()).map((r) => r.split(","));
  if (rows.length < 2) return csv;
  const [head, ...body] = rows;
  return body.map((r) => head.map((h, i) => `${h.trim()}: ${(r[i] ?? "").trim()}`).join(". "))
    .join("\n");
}

/** The text the lead qualifier reads: the pasted text and the document's, together. */
export function documentText(v: { text: string; document?: ReadDocument }): string {
  const doc = v.document
    ? v.document.kind === "csv" ? csvAsText(v.document.text) : v.document.text
    : "";
  return [v.text, doc].filter(Boolean).join("\n\n");
}
