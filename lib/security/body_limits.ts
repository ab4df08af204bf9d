/**
 * Request body checks before any handler reads a byte: size (413), media type (415) and
 * well-formed JSON and multipart (400), with per-route limits from `rules.ts`. The body is read
 * once, up to the limit, and handed on as a fresh request.
 */
import type { MiddlewareHandler } from "hono";
import { HttpError } from "../framework/mod.ts";
import { type BodyRule, bodyRules, defaultBodyRule } from "./rules.ts";

/** The limits that apply to a path (first match in `list`, else `fallback`). */
export function bodyRuleFor(
  path: string,
  list: readonly BodyRule[] = bodyRules,
  fallback: BodyRule = defaultBodyRule,
): BodyRule {
  return list.find((r) => r.path.test(path)) ?? fallback;
}

/** The media type of a Content-Type header, lower-case and without parameters. */
export function mediaType(contentType: string | null): string {
  return (contentType ?? "").split(";")[0].trim().toLowerCase();
}

function tooLarge(max: number): HttpError {
  const size = max >= 1024 * 1024 ? `${Math.floor(max / 1024 / 1024)} MB` : `${max / 1024} KB`;
  return new HttpError(
    413,
    "payload_too_large",
    `The request body is too large: at most ${size} is accepted here.`,
    {},
    { maxBytes: max },
  );
}

/** Reads a body stream up to `max` bytes; throws 413 beyond. */
export async function readLimited(
  body: ReadableStream<Uint8Array>,
  max: number,
): Promise<Uint8Array> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => {});
      throw tooLarge(max);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}

const isJson = (type: string) =>
  type === "application/json" || type.endsWith("+json") || type === "application/csp-report";

async function checkWellFormed(type: string, contentType: string, bytes: Uint8Array) {
  if (isJson(type)) {
    try {
      JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
    } catch {
      throw new HttpError(400, "invalid_json", "The request body is not valid JSON.");
    }
  } else if (type === "multipart/form-data") {
    try {
      await new Response(bytes as Uint8Array<ArrayBuffer>, {
        headers: { "content-type": contentType },
      }).formData();
    } catch {
      throw new HttpError(400, "malformed_body", "The form data could not be read.");
    }
  }
}

/**
 * Middleware: for requests with a body, refuses a declared or actual size over the route's
 * `maxBytes` (413), compressed bodies (no decompression bombs) and a media type outside its
 * `types` (415), and JSON or multipart bodies that do not parse (400). Then the handler gets
 * the checked bytes as its request body.
 */
export function bodyLimits(
  list: readonly BodyRule[] = bodyRules,
  fallback: BodyRule = defaultBodyRule,
): MiddlewareHandler {
  return async (c, next) => {
    const raw = c.req.raw;
    if (raw.method === "GET" || raw.method === "HEAD" || raw.body === null) return await next();
    const rule = bodyRuleFor(new URL(raw.url).pathname, list, fallback);
    const declared = raw.headers.get("content-length");
    if (declared !== null && !/^\d+$/.test(declared)) {
      throw new HttpError(400, "bad_request", "The Content-Length header is malformed.");
    }
    if (declared !== null && Number(declared) > rule.maxBytes) {
      await raw.body.cancel().catch(() => {});
      throw tooLarge(rule.maxBytes);
    }
    const encoding = raw.headers.get("content-encoding");
    if (encoding && encoding.toLowerCase() !== "identity") {
      await raw.body.cancel().catch(() => {});
      throw new HttpError(
        415,
        "unsupported_media_type",
        "Compressed request bodies are not accepted; send the body uncompressed.",
      );
    }
    const bytes = await readLimited(raw.body, rule.maxBytes);
    const contentType = raw.headers.get("content-type") ?? "";
    const type = mediaType(contentType);
    if (bytes.byteLength > 0) {
      if (!rule.types.includes(type)) {
        throw new HttpError(
          415,
          "unsupported_media_type",
          `This content type is not accepted here. Send one of: ${rule.types.join(", ")}.`,
          {},
          { accepted: rule.types },
        );
      }
      await checkWellFormed(type, contentType, bytes);
    }
    c.req.raw = new Request(raw.url, {
      method: raw.method,
      headers: raw.headers,
      body: bytes.byteLength > 0 ? bytes as Uint8Array<ArrayBuffer> : null,
      signal: raw.signal,
    });
    await next();
  };
}
