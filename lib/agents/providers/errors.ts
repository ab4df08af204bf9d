/** Provider failures as the run worker and the visitor see them. */

/** Machine-readable provider failure codes. */
export type ProviderErrorCode =
  | "rate_limited"
  | "provider_unavailable"
  | "timeout"
  | "circuit_open"
  | "malformed_response"
  | "provider_rejected"
  | "auth_failed";

/** A provider failure with a safe message; `retryable` says whether a later attempt may work. */
export class ProviderError extends Error {
  constructor(
    readonly code: ProviderErrorCode,
    message: string,
    readonly retryable: boolean,
    /** When known, how long to wait before trying again. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = "ProviderError";
  }
}
