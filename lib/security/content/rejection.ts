/** The one error content checks throw: a 4xx with a machine-readable reason. */
import { HttpError } from "../../framework/mod.ts";

/** Why content was refused. */
export type RejectionCode =
  | "file_too_large"
  | "unsupported_type"
  | "archive_refused"
  | "malware_detected"
  | "pdf_too_long"
  | "pdf_unreadable"
  | "pdf_too_complex"
  | "scanner_unavailable";

const STATUS: Record<RejectionCode, number> = {
  file_too_large: 413,
  unsupported_type: 415,
  archive_refused: 415,
  malware_detected: 422,
  pdf_too_long: 422,
  pdf_unreadable: 422,
  pdf_too_complex: 422,
  scanner_unavailable: 503,
};

/** Content refused by the checks; an HttpError, so handlers can simply let it propagate. */
export class ContentRejected extends HttpError {
  /** Builds the error for `code` with a message a person can act on. */
  constructor(readonly reason: RejectionCode, message: string, details?: unknown) {
    super(STATUS[reason], reason, message, {}, details);
    this.name = "ContentRejected";
  }
}
