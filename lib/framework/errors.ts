/** An error that maps to an HTTP status with a machine-readable code and a safe message. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: HeadersInit = {},
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "HttpError";
  }
}

/** Default codes and messages per status for errors that carry none. */
export const STATUS_TEXT: Record<number, [string, string]> = {
  400: ["bad_request", "The request could not be understood."],
  401: ["unauthorized", "Please sign in to continue."],
  403: ["forbidden", "You do not have access to this."],
  404: ["not_found", "There is nothing at this address."],
  405: ["method_not_allowed", "This method is not allowed here."],
  413: ["payload_too_large", "The request body is too large."],
  415: ["unsupported_media_type", "This content type is not accepted here."],
  429: ["rate_limited", "Too many requests. Please slow down."],
  500: ["internal_error", "Something went wrong on our side."],
  503: ["unavailable", "The service is temporarily unavailable."],
};

/** True when the client should get a JSON error rather than an HTML page. */
export function wantsJson(req: Request, url: URL): boolean {
  if (/^\/(api|demo)(\/|$)/.test(url.pathname)) return true;
  const accept = req.headers.get("accept") ?? "";
  if (accept.includes("text/html")) return false;
  return accept.includes("application/json") ||
    (req.headers.get("content-type") ?? "").includes("application/json");
}

/** The JSON error body every API returns: `{ error: { code, message, requestId } }`. */
export function jsonError(
  status: number,
  code: string,
  message: string,
  requestId: string,
  headers: HeadersInit = {},
  details?: unknown,
): Response {
  const body = { error: { code, message, requestId, ...(details ? { details } : {}) } };
  const h = new Headers(headers);
  h.set("content-type", "application/json; charset=utf-8");
  return new Response(JSON.stringify(body), { status, headers: h });
}
