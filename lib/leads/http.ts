/**
 * The HTTP side of lead capture, shared by the Contact page (form posts) and /api/leads (JSON):
 * reading the body, turning an outcome into a status and a message people understand.
 */
import { z } from "zod";
import { consentFrom } from "../consent.ts";
import { clientIp, remoteAddrOf } from "../security/client_ip.ts";
import { logger } from "../telemetry/log.ts";
import { formatTraceparent } from "../telemetry/trace_context.ts";
import { refuseUnstorable } from "../tracking/parse.ts";
import { recordDemoEvent } from "../tracking/record.ts";
import type { FreshContext } from "../framework/mod.ts";
import { HttpError } from "../framework/mod.ts";
import { acceptLead, type LeadOutcome } from "./accept.ts";
import { issueFormToken } from "./form_token.ts";

/** The largest lead body accepted (a 5,000-character message fits easily). */
const MAX_BODY = 32 * 1024;

const jsonBody = z.record(z.string(), z.unknown());

/** Reads a form or JSON body into a flat record; 400/413/415 on anything else. */
export async function readLeadBody(req: Request): Promise<Record<string, unknown>> {
  const type = (req.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  const text = await req.text();
  if (text.length > MAX_BODY) {
    throw new HttpError(413, "payload_too_large", "The message is too long to send.");
  }
  if (type === "application/json") {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new HttpError(400, "invalid_json", "The request body is not valid JSON.");
    }
    const body = jsonBody.safeParse(parsed);
    if (!body.success) throw new HttpError(400, "invalid_body", "Send a JSON object.");
    refuseUnstorable(body.data);
    return body.data;
  }
  if (type === "application/x-www-form-urlencoded") {
    return Object.fromEntries(new URLSearchParams(text));
  }
  throw new HttpError(415, "unsupported_media_type", "Send the form or a JSON object.");
}

/**
 * Runs the checks and accepts the lead (see acceptLead). A new, verified lead from a visitor who
 * allows analytics is also announced on the demo feed as `lead_submitted` (no personal data); a
 * lead held for review (sent without the captcha) is not announced: it is not a lead until an
 * operator accepts it.
 */
export async function submitLead(
  ctx: FreshContext,
  body: Record<string, unknown>,
  captchaRequired: boolean,
): Promise<LeadOutcome> {
  const { services, trace } = ctx.state;
  const outcome = await acceptLead(services, {
    fields: body,
    honeypot: body.website,
    formToken: body.formToken,
    captcha: body.captcha,
    captchaRequired,
    idempotencyHeader: ctx.req.headers.get("idempotency-key"),
    source: body.source,
    remoteIp: clientIp(ctx.req, remoteAddrOf(ctx.hono), services.settings.trustedProxy),
    traceId: trace?.traceId,
  });
  const announce = outcome.kind === "accepted" && !outcome.duplicate && captchaRequired;
  if (announce && consentFrom(ctx.req).analytics) {
    await recordDemoEvent(services, {
      type: "lead_submitted",
      path: ctx.url.pathname,
      source: "server",
      requestId: ctx.state.requestId,
      traceparent: trace ? formatTraceparent(trace) : null,
    }).catch((error) => logger.warn("lead_submitted not recorded", { error }));
  }
  return outcome;
}

/** A refusal: status, code, message, and whether to hand out a new form token. */
export interface Refusal {
  status: number;
  code: string;
  message: string;
  headers?: Record<string, string>;
  newToken: boolean;
}

/** What to tell the person for an outcome other than "accepted". */
export function refusalOf(outcome: Exclude<LeadOutcome, { kind: "accepted" }>): Refusal {
  switch (outcome.kind) {
    case "invalid":
      return {
        status: 422,
        code: "validation_failed",
        message: "Please correct the highlighted fields.",
        newToken: false,
      };
    case "bad_idempotency_key":
      return {
        status: 400,
        code: "invalid_idempotency_key",
        message: "Idempotency-Key must be 8-200 letters, digits or _ . : -",
        newToken: false,
      };
    case "expired":
      return {
        status: 400,
        code: "form_expired",
        message: "This form had expired, so nothing was sent. Your text is still here: " +
          "please send it again.",
        newToken: true,
      };
    case "too_fast":
      return {
        status: 429,
        code: "too_fast",
        message: `That was very quick, so our spam check held it back. Please wait ${
          outcome.retryAfterSeconds === 1 ? "a second" : `${outcome.retryAfterSeconds} seconds`
        } and send again.`,
        headers: { "retry-after": String(outcome.retryAfterSeconds) },
        newToken: false,
      };
    case "bot":
      return {
        status: 403,
        code: "spam_refused",
        message: "This submission looked automated, so we did not accept it. If you are a " +
          "person, please email us instead.",
        newToken: true,
      };
    case "captcha_failed":
      return {
        status: 403,
        code: "captcha_failed",
        message: "The verification did not pass. Please complete it and send again.",
        newToken: true,
      };
  }
}

/** The JSON error for a refusal (fields and a fresh token in `details` where useful). */
export async function refusalError(
  ctx: FreshContext,
  outcome: Exclude<LeadOutcome, { kind: "accepted" }>,
): Promise<HttpError> {
  const r = refusalOf(outcome);
  const details: Record<string, unknown> = {};
  if (outcome.kind === "invalid") details.fields = outcome.errors;
  if (r.newToken) details.formToken = await issueFormToken(ctx.state.services.settings);
  return new HttpError(r.status, r.code, r.message, r.headers, details);
}
