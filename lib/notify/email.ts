/**
 * Outgoing e-mail. With SMTP configured (`SMTP_URL`, or `SMTP_HOST` with `SMTP_PORT`,
 * `SMTP_USER`, `SMTP_PASS`) mail goes out through nodemailer. Without it, in development and
 * test, mail is kept in a KV outbox (`["dev_outbox", id]`, one day) listed at `/dev/outbox`, and
 * a log line says so; in production without SMTP, sending fails with {@link EmailNotConfigured}.
 */
import { z } from "zod";
import type { Settings } from "../config.ts";
import type { Services } from "../services.ts";
import { logger } from "../telemetry/log.ts";
import { devOutboxKey, prefixes } from "../../kv/keys.ts";

/** One message. `text` is required; `html` is an optional alternative. */
export interface Email {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

/** A message kept in the development outbox. */
export interface OutboxEmail extends Email {
  id: string;
  from: string;
  /** Epoch milliseconds. */
  sentAt: number;
}

/** Where a message went. */
export interface SendResult {
  id: string;
  via: "smtp" | "outbox";
}

/** Raised in production when no SMTP server is configured. */
export class EmailNotConfigured extends Error {
  constructor() {
    super("e-mail cannot be sent: SMTP is not configured");
    this.name = "EmailNotConfigured";
  }
}

const OUTBOX_TTL_MS = 24 * 60 * 60 * 1000;

const emailSchema = z.object({
  to: z.email().max(320),
  subject: z.string().min(1).max(300).refine((s) => !/[\r\n]/.test(s), "one line"),
  text: z.string().min(1).max(100_000),
  html: z.string().max(500_000).optional(),
});

/** True when SMTP settings are present. */
export function smtpConfigured(settings: Pick<Settings, "smtpUrl" | "smtpHost">): boolean {
  return Boolean(settings.smtpUrl || settings.smtpHost);
}

/** True when mail can be delivered somewhere: SMTP, or the outbox outside production. */
export function emailAvailable(settings: Settings): boolean {
  return smtpConfigured(settings) || settings.env !== "production";
}

interface Transport {
  sendMail(message: Record<string, unknown>): Promise<{ messageId?: string }>;
}

const transports = new WeakMap<Settings, Transport>();

/** The SMTP transport of `settings`; nodemailer is loaded on the first message sent. */
async function transportFor(settings: Settings): Promise<Transport> {
  let t = transports.get(settings);
  if (!t) {
    const { default: nodemailer } = await import("nodemailer");
    t = nodemailer.createTransport(
      settings.smtpUrl ?? {
        host: settings.smtpHost,
        port: settings.smtpPort,
        secure: settings.smtpPort === 465,
        auth: settings.smtpUser ? { user: settings.smtpUser, pass: settings.smtpPass } : undefined,
      },
    ) as Transport;
    transports.set(settings, t);
  }
  return t;
}

/** A time-ordered id (sorts by creation in KV listings). */
function outboxId(): string {
  return `${Date.now().toString(36).padStart(10, "0")}-${crypto.randomUUID().slice(0, 8)}`;
}

/** Sends one message (see the module doc for where it goes). Logs ids only, never content. */
export async function sendEmail(
  services: Pick<Services, "settings" | "kv">,
  email: Email,
): Promise<SendResult> {
  const message = emailSchema.parse(email);
  const { settings } = services;
  if (smtpConfigured(settings)) {
    const info = await (await transportFor(settings)).sendMail({
      from: settings.smtpFrom,
      ...message,
    });
    const id = info.messageId ?? outboxId();
    logger.info("email sent", { emailId: id, via: "smtp" });
    return { id, via: "smtp" };
  }
  if (settings.env === "production") throw new EmailNotConfigured();
  const id = outboxId();
  const kept: OutboxEmail = { id, from: settings.smtpFrom, sentAt: Date.now(), ...message };
  await services.kv.set(devOutboxKey(id), kept, { expireIn: OUTBOX_TTL_MS });
  logger.info("email kept in the development outbox (see /dev/outbox)", {
    emailId: id,
    via: "outbox",
  });
  return { id, via: "outbox" };
}

/** The development outbox, newest first. */
export async function listOutbox(kv: Deno.Kv, limit = 50): Promise<OutboxEmail[]> {
  const out: OutboxEmail[] = [];
  for await (
    const e of kv.list<OutboxEmail>({ prefix: prefixes.devOutbox }, { reverse: true, limit })
  ) {
    out.push(e.value);
  }
  return out;
}
