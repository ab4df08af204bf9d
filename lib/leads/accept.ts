/**
 * Accepting a lead: spam checks (honeypot, signed form token with minimum fill time, captcha),
 * validation, then one KV transaction that claims the idempotency key and writes the lead to
 * the outbox. The caller acknowledges as soon as this returns; Postgres may be down.
 */
import { z } from "zod";
import { idempotencyKey } from "../../kv/keys.ts";
import { outboxOp } from "../outbox/outbox.ts";
import type { Services } from "../services.ts";
import { verifyCaptcha } from "./captcha.ts";
import { type FieldErrors, LEAD_SOURCES, type LeadFields, validateLead } from "./fields.ts";
import { readFormToken } from "./form_token.ts";
import { LEAD_KIND, type LeadRecord } from "./sink.ts";

/** What came in, from a form post or a JSON body. */
export interface LeadSubmission {
  fields: Record<string, unknown>;
  /** The honeypot field: people never see it, so it must be empty. */
  honeypot?: unknown;
  formToken?: unknown;
  /** The captcha widget's response (hCaptcha token or ALTCHA payload). */
  captcha?: unknown;
  /** Whether a captcha is required (JSON API, or a form that rendered the challenge). */
  captchaRequired: boolean;
  idempotencyHeader?: string | null;
  source?: unknown;
  remoteIp?: string;
  traceId?: string;
}

/** The outcome, for the route to turn into a page or a JSON answer. */
export type LeadOutcome =
  | { kind: "accepted"; leadId: string; duplicate: boolean }
  | { kind: "invalid"; errors: FieldErrors }
  | { kind: "bad_idempotency_key" }
  | { kind: "expired" }
  | { kind: "too_fast"; retryAfterSeconds: number }
  | { kind: "bot" }
  | { kind: "captcha_failed" };

/** How long an idempotency key remembers its lead. */
const IDEMPOTENCY_TTL_MS = 24 * 3600_000;

const headerKey = z.string().regex(/^[A-Za-z0-9_.:-]{8,200}$/);

/** Checks and, when all is well, durably accepts one lead. */
export async function acceptLead(services: Services, s: LeadSubmission): Promise<LeadOutcome> {
  const { settings } = services;
  if (typeof s.honeypot === "string" && s.honeypot.trim() !== "") return { kind: "bot" };
  if (s.idempotencyHeader != null && !headerKey.safeParse(s.idempotencyHeader).success) {
    return { kind: "bad_idempotency_key" };
  }
  const token = await readFormToken(settings, s.formToken);
  if (!token) return { kind: "expired" };
  const elapsedMs = Date.now() - token.issuedAt;
  const minMs = settings.leadMinFillSeconds * 1000;
  if (elapsedMs < minMs) {
    return { kind: "too_fast", retryAfterSeconds: Math.ceil((minMs - elapsedMs) / 1000) };
  }
  const valid = validateLead(s.fields);
  if (!valid.ok) return { kind: "invalid", errors: valid.errors };
  const key = s.idempotencyHeader ? `lead:h:${s.idempotencyHeader}` : `lead:f:${token.nonce}`;
  const existing = await services.kv.get<{ leadId: string }>(idempotencyKey(key));
  if (existing.value) return { kind: "accepted", leadId: existing.value.leadId, duplicate: true };
  const captcha = typeof s.captcha === "string" ? s.captcha : "";
  if ((s.captchaRequired || captcha) && !await verifyCaptcha(services, captcha, key, s.remoteIp)) {
    return { kind: "captcha_failed" };
  }
  const verification = captcha ? (settings.hcaptcha ? "hcaptcha" : "altcha") : "none";
  return await store(services, key, record(valid.value, key, s, verification));
}

function record(
  fields: LeadFields,
  key: string,
  s: LeadSubmission,
  verification: LeadRecord["verification"],
): LeadRecord {
  const source = LEAD_SOURCES.includes(s.source as typeof LEAD_SOURCES[number])
    ? s.source as string
    : "contact";
  return {
    id: crypto.randomUUID(),
    idempotencyKey: key,
    ...fields,
    company: fields.company ?? null,
    website: fields.companyUrl ?? null,
    source,
    verification,
    traceId: s.traceId ?? null,
    createdAt: new Date().toISOString(),
  };
}

async function store(services: Services, key: string, lead: LeadRecord): Promise<LeadOutcome> {
  const kvKey = idempotencyKey(key);
  const op = services.kv.atomic().check({ key: kvKey, versionstamp: null })
    .set(kvKey, { leadId: lead.id }, { expireIn: IDEMPOTENCY_TTL_MS });
  const { jobId } = outboxOp(op, services.jobs, LEAD_KIND, lead);
  if ((await op.commit()).ok) {
    await services.jobs.flush([jobId]);
    return { kind: "accepted", leadId: lead.id, duplicate: false };
  }
  // A concurrent submit of the same form won the race: answer with its lead.
  const winner = await services.kv.get<{ leadId: string }>(kvKey);
  if (!winner.value) throw new Error("lead idempotency key vanished");
  return { kind: "accepted", leadId: winner.value.leadId, duplicate: true };
}
