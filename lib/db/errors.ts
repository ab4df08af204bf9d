/** Errors of the database layer. */

/** The database cannot be reached (refused, reset, timed out, shutting down). */
export class DbUnavailableError extends Error {
  /** Wraps the low-level connection error as `cause`. */
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "DbUnavailableError";
  }
}

const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EPIPE",
  "CONNECT_TIMEOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
]);

/** True for errors meaning "no connection", as opposed to a bad query. */
export function isConnectionError(err: unknown): boolean {
  if (err instanceof DbUnavailableError) return true;
  if (err instanceof Deno.errors.ConnectionRefused || err instanceof Deno.errors.ConnectionReset) {
    return true;
  }
  const code = (err as { code?: unknown })?.code;
  if (typeof code !== "string") return false;
  // SQLSTATE class 08 (connection exception), 57P01-57P03 (shutdown, cannot connect now).
  return NETWORK_CODES.has(code) || code.startsWith("08") || /^57P0[1-3]$/.test(code);
}

/** Rethrows connection failures as {@link DbUnavailableError}, anything else unchanged. */
export function mapDbError(err: unknown): never {
  if (isConnectionError(err) && !(err instanceof DbUnavailableError)) {
    throw new DbUnavailableError(`database unavailable: ${(err as Error).message}`, {
      cause: err,
    });
  }
  throw err;
}

/**
 * True for errors that retrying cannot fix: the data itself is refused (SQLSTATE class 22 data
 * exception, such as a NUL in text; 23 integrity constraint violation; 54 program limit
 * exceeded). Such writes are dead-lettered instead of retried forever.
 */
export function isPermanentDbError(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  return typeof code === "string" && /^(22|23|54)[0-9A-Z]{3}$/.test(code);
}
