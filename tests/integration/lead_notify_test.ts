import { listNotifyDeadLetters } from "../../lib/notify/lead_notifications.ts";
import { notifySweepJob } from "../../queues/notifications.ts";
import { hmacSha256, toHex } from "../../lib/security/signing.ts";
import { assert, assertEquals, assertStringIncludes } from "../support/assert.ts";
import { startTestApp } from "../support/app.ts";
import { eventually, GOOD_LEAD, oldToken } from "../support/leads.ts";
import { HCAPTCHA_SECRET, startLeadChannels } from "../support/lead_channels.ts";

for (const jobs of ["kv", "postgres"] as const) {
  Deno.test({
    name:
      `hCaptcha via siteverify, then email, Slack and a signed CRM webhook per lead [${jobs} jobs]`,
    sanitizeOps: jobs === "kv",
    sanitizeResources: jobs === "kv",
    fn: (t) => notifications(t, jobs),
  });
}

async function notifications(t: Deno.TestContext, jobs: "kv" | "postgres") {
  const channels = await startLeadChannels({ "/slack": [500], "/crm": [500, 503, 500] });
  const { smtp, hooks, hcaptcha } = channels;
  const app = await startTestApp({
    backend: jobs === "postgres" ? "postgres" : "pglite",
    env: { ...channels.env, JOBS_BACKEND: jobs, NOTIFY_BACKOFF_MS: "50,50" },
  });
  const post = async (captcha: string) => {
    const res = await app.fetch("/api/leads", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ...GOOD_LEAD, formToken: await oldToken(app.services), captcha }),
    });
    return { status: res.status, body: await res.json() };
  };
  try {
    let leadId = "";
    await t.step(
      "the form asks for hCaptcha and the server checks it with siteverify",
      async () => {
        const html = await (await app.fetch("/contact")).text();
        assertStringIncludes(html, "&quot;kind&quot;:&quot;hcaptcha&quot;");
        const failed = await post("bad-token");
        assertEquals(failed.status, 403);
        assertEquals(failed.body.error.code, "captcha_failed");
        const passed = await post("good-token");
        assertEquals(passed.status, 202);
        leadId = passed.body.leadId;
        assertEquals(hcaptcha.calls.length, 2);
        assertEquals(hcaptcha.calls[1].get("secret"), HCAPTCHA_SECRET);
      },
    );

    await t.step(
      "each channel is delivered, retried, or dead-lettered after the last try",
      async () => {
        const rows = async () =>
          await app.services.db.query<{ channel: string; status: string; attempts: number }>(
            "select channel, status, attempts from notifications where lead_id = $1 order by channel",
            [leadId],
          );
        await eventually(
          async () =>
            (await rows()).length === 3 && (await rows()).every((r) => r.status !== "pending"),
          15_000,
          "notifications to settle",
        );
        assertEquals(await rows(), [
          { channel: "crm_webhook", status: "failed", attempts: 3 },
          { channel: "email", status: "sent", attempts: 1 },
          { channel: "slack", status: "sent", attempts: 2 },
        ]);
        assertEquals(smtp.mails.length, 1);
        assertEquals(smtp.mails[0].to, ["sales@relay.test"]);
        assertStringIncludes(smtp.mails[0].raw, "Ada Lovelace");
        assertEquals(hooks.received.filter((r) => r.path === "/slack").length, 2);
        const dead = await listNotifyDeadLetters(app.services.kv);
        assertEquals(dead.map((d) => [d.leadId, d.channel, d.attempts]), [[
          leadId,
          "crm_webhook",
          3,
        ]]);
        assertEquals(dead[0].error, "webhook answered HTTP 500");
      },
    );

    await t.step("the CRM webhook carries the lead and a valid HMAC signature", async () => {
      const calls = hooks.received.filter((r) => r.path === "/crm");
      assertEquals(calls.length, 3);
      const { headers, body } = calls[0];
      assertEquals(JSON.parse(body).lead.id, leadId);
      assertEquals(JSON.parse(body).lead.email, GOOD_LEAD.email);
      const sig = headers.get("x-relay-signature")!;
      const t = sig.match(/t=(\d+)/)![1];
      const expected = toHex(
        await hmacSha256(app.services.settings.webhookSecrets[0], `${t}.${body}`),
      );
      assert(sig.includes(`v1=${expected}`), "signed with the newest webhook secret");
    });

    await t.step("a notification whose queue job was lost is sent by the sweep", async () => {
      const [n] = await app.services.db.query<{ id: string }>(
        `insert into notifications (lead_id, channel, created_at)
         values ($1, 'slack', now() - interval '1 hour') returning id`,
        [
          (await app.services.db.query<{ id: string }>(
            "insert into leads (idempotency_key, name, email) values ('lost', 'Lost', 'l@x.example') returning id",
          ))[0].id,
        ],
      );
      const slackCalls = hooks.received.filter((r) => r.path === "/slack").length;
      await notifySweepJob.run(app.services);
      await eventually(
        async () => {
          const [row] = await app.services.db.query<{ status: string }>(
            "select status from notifications where id = $1",
            [n.id],
          );
          return row.status === "sent";
        },
        10_000,
        "the swept notification",
      );
      assertEquals(hooks.received.filter((r) => r.path === "/slack").length, slackCalls + 1);
    });
  } finally {
    await app.stop();
    await channels.close();
  }
}
