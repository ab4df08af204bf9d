/**
 * Spam challenge of the lead forms: hCaptcha when HCAPTCHA_SITEKEY and HCAPTCHA_SECRET are set
 * (verified server-side against HCAPTCHA_VERIFY_URL), otherwise a self-hosted ALTCHA
 * proof-of-work challenge (altcha-lib), each solution accepted once.
 */
import { createChallenge, verifySolution } from "altcha-lib/v1";
import { z } from "zod";
import { captchaPassKey } from "../../kv/keys.ts";
import type { Services } from "../services.ts";
import type { Settings } from "../config.ts";
import { logger } from "../telemetry/log.ts";
import type { CaptchaConfig } from "./form_props.ts";

/** An ALTCHA challenge as sent to the browser. */
export interface AltchaChallenge {
  algorithm: string;
  challenge: string;
  maxnumber?: number;
  salt: string;
  signature: string;
}

/** Seconds a challenge stays solvable. */
const CHALLENGE_TTL_S = 20 * 60;
/** Upper bound of the secret number: a fraction of a second of hashing in a browser. */
const MAX_NUMBER = 20_000;

/** The challenge the forms use under these settings. */
export function captchaConfig(settings: Settings): CaptchaConfig {
  return settings.hcaptcha
    ? { kind: "hcaptcha", sitekey: settings.hcaptcha.sitekey }
    : { kind: "altcha", challengeUrl: "/api/leads/challenge" };
}

function altchaKey(settings: Settings): string {
  return `altcha:${settings.sessionSecrets[0]}`;
}

/** A new signed ALTCHA challenge that expires in 20 minutes. */
export function newAltchaChallenge(settings: Settings): Promise<AltchaChallenge> {
  return createChallenge({
    hmacKey: altchaKey(settings),
    maxNumber: MAX_NUMBER,
    expires: new Date(Date.now() + CHALLENGE_TTL_S * 1000),
  });
}

const siteverify = z.object({ success: z.boolean() }).passthrough();

async function verifyHcaptcha(
  hcaptcha: NonNullable<Settings["hcaptcha"]>,
  token: string,
  remoteIp: string | undefined,
): Promise<boolean> {
  const body = new URLSearchParams({
    secret: hcaptcha.secret,
    response: token,
    sitekey: hcaptcha.sitekey,
  });
  if (remoteIp) body.set("remoteip", remoteIp);
  try {
    const res = await fetch(hcaptcha.verifyUrl, {
      method: "POST",
      body,
      signal: AbortSignal.timeout(5000),
    });
    if (!res.ok) {
      await res.body?.cancel();
      logger.warn("hcaptcha siteverify failed", { status: res.status });
      return false;
    }
    const parsed = siteverify.safeParse(await res.json());
    return parsed.success && parsed.data.success;
  } catch (error) {
    logger.warn("hcaptcha siteverify unreachable", { error: (error as Error).message });
    return false;
  }
}

async function verifyAltcha(settings: Settings, payload: string): Promise<boolean> {
  try {
    return await verifySolution(payload, altchaKey(settings), true);
  } catch {
    return false;
  }
}

/** Whether `response` (the widget's token or ALTCHA payload) is genuine and unexpired. */
function verifyOnce(settings: Settings, response: string, remoteIp?: string): Promise<boolean> {
  if (!response || response.length > 8192) return Promise.resolve(false);
  return settings.hcaptcha
    ? verifyHcaptcha(settings.hcaptcha, response, remoteIp)
    : verifyAltcha(settings, response);
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * Whether `response` proves a person sent submission `submissionKey`. Each answer counts for
 * one submission only: a replay for another submission fails, while a retry of the same
 * submission (a double click) passes again.
 */
export async function verifyCaptcha(
  services: Services,
  response: string,
  submissionKey: string,
  remoteIp?: string,
): Promise<boolean> {
  const key = captchaPassKey(await sha256Hex(response));
  const usedBy = async () => (await services.kv.get<string>(key)).value;
  const before = await usedBy();
  if (before !== null) return before === submissionKey;
  if (!await verifyOnce(services.settings, response, remoteIp)) {
    return (await usedBy()) === submissionKey;
  }
  const res = await services.kv.atomic().check({ key, versionstamp: null })
    .set(key, submissionKey, { expireIn: CHALLENGE_TTL_S * 1000 }).commit();
  return res.ok || (await usedBy()) === submissionKey;
}
