/**
 * Where a lead goes, served on loopback: an SMTP sink for the operators' email, a receiver for
 * the Slack and CRM webhooks, and an hCaptcha siteverify fake; `env` points an app at them.
 */
import { startHcaptchaFake, startReceiver, startSmtpSink } from "./receivers.ts";

/** The secret the hCaptcha fake accepts. */
export const HCAPTCHA_SECRET = "0x0000000000000000000000000000000000000000";

/** Starts the channels; `script` gives the webhook receiver's answers per path. */
export async function startLeadChannels(script?: Parameters<typeof startReceiver>[0]) {
  const smtp = await startSmtpSink();
  const hooks = startReceiver(script);
  const hcaptcha = startHcaptchaFake(HCAPTCHA_SECRET);
  return {
    smtp,
    hooks,
    hcaptcha,
    env: {
      HCAPTCHA_SITEKEY: "10000000-ffff-ffff-ffff-000000000001",
      HCAPTCHA_SECRET,
      HCAPTCHA_VERIFY_URL: hcaptcha.url,
      SMTP_URL: smtp.url,
      LEAD_NOTIFY_EMAIL: "sales@relay.test",
      SLACK_WEBHOOK_URL: `${hooks.url}/slack`,
      CRM_WEBHOOK_URL: `${hooks.url}/crm`,
      LEAD_MIN_FILL_SECONDS: "1",
    },
    async close() {
      await hooks.close();
      await hcaptcha.close();
      await smtp.close();
    },
  };
}
